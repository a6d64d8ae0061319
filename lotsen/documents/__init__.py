"""The members' document library: upload, versions, search, permission-checked downloads."""
