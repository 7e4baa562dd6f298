"""What comes in: a profile (file, flags, interview), a spreadsheet row, a clinic's details."""
