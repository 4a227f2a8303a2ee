"""The site: pages, search indexes and JSON rendered from a loaded Project at build time."""
