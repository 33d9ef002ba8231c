"""Shipped warevents models, installed as the package ``warevents_models``.

``warevents.load()`` finds the default model here through ``importlib.resources``,
so it works from any working directory and from a non-editable install.
"""
