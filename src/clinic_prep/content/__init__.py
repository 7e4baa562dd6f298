"""The question bank: content/ read, validated against its schema, and checked."""
