"""Pure business rules of the field-affairs centre: no I/O, stdlib only."""
