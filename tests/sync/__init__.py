"""Tests of the laptop's sync client against the server in-process."""
