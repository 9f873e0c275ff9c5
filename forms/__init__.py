"""Schemas of every form a person fills in, looked up by the form key written in the models.

Leaf library: imports marshmallow only, nothing else of ours.
"""
