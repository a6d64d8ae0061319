"""Staff accounts: the Landeskoordination invites and manages coordinators and its own staff."""
