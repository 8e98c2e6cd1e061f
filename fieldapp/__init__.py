"""Fieldapp: field work of a court's enforcement bureau, offline first."""

__version__ = "0.1.0"
