"""Choosing for a visit: the checks that may be due, the visit rules, the questions."""
