"""What comes in: profiles, their fields, files, spreadsheets and a clinic's details."""
