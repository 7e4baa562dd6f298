"""The pack tree composed from a plan, record sheets for the reader, the review document."""
