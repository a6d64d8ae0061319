"""Working groups (Facharbeitskreise): their page for members, management by the
Landeskoordination."""
