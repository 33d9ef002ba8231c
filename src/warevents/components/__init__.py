"""The span-tagging stages of the warevents pipeline, one module per stage.

Order in the pipeline: ``line_breaks`` (before the parser), then after the
pretrained NER ``military_units``, ``places``, ``dates``, ``casualties`` and
finally ``resolve_ents``, which writes the four labels to ``doc.ents``.
"""
