namespace tidings::ingest {
// Placeholder translation unit until the ingest library lands.
int LibraryVersion() { return 1; }
}  // namespace tidings::ingest
