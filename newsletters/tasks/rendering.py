"""(filled in by the newsletter work)"""
