namespace tidings::store {
// Placeholder translation unit until the store library lands.
int LibraryVersion() { return 1; }
}  // namespace tidings::store
