"""Sync between laptops and the central store: the protocol (shared with the server) and the
laptop's engine."""
