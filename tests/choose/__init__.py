"""Choosing for a visit: checks, visit rules, selection, and a specialist's judgement of
whole visits."""
