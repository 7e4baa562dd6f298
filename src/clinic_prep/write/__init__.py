"""Writers: each takes a pack and returns bytes (PDF, HTML, text, JSON, FHIR); files are
written safely."""
