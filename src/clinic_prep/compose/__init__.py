"""The pack as one tree of blocks, composed from the plan, and the review document."""
