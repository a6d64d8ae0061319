"""The guide's kit: business cards, the information sheet for offices and the accompaniment
attestation (Bescheinigung Begleitperson) with its public verification page."""
