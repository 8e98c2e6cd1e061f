"""Tests of the central store's HTTP service."""
