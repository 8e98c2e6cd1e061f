"""The central store: a stateless FastAPI service over the database and the blob folder."""
