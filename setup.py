"""Package layout that pyproject.toml cannot express: the top-level ``models/`` folder
is installed as the package ``warevents_models`` so the shipped model travels with
every install (editable or not). Metadata lives in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=find_packages("src") + ["warevents_models"],
    package_dir={"": "src", "warevents_models": "models"},
    package_data={
        "warevents": ["data/**/*", "configs/*.cfg"],
        "warevents.store": ["data/*"],
        "warevents_models": ["README.md", "warevents-default/**/*"],
    },
)
