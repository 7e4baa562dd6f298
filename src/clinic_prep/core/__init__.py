"""Shared by every stage: the words of the domain, errors, ages and dates, and reading
files safely."""
