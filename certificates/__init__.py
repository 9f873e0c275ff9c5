"""Certificates: a frozen ``CertificateData`` in, deterministic PDF bytes out.

Leaf library: the only package that imports reportlab; imports nothing else of ours.
"""
