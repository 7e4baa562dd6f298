"""The question bank read, validated and checked."""
