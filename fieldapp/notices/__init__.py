"""Chinese court notices as PDF: templates, layout, fonts, numbering, stamps and verification.

Imports only the domain (and storage DTOs); never Qt, never services.
"""
