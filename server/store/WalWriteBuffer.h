#pragma once

namespace creditdesk::server {

// Makes SQLite write its write-ahead log in a few large writes instead of two small ones per page.
//
// A commit in WAL mode appends every page it changed to the log as a frame, and SQLite writes each
// frame with two system calls (a 24-byte header, then the page): a single metering event dirties about
// five pages, so the writer thread spent about 40% of its CPU in the kernel on those calls. This
// installs a VFS shim (SQLite's documented extension point) as the process's default VFS: it wraps the
// platform VFS and, for log files only, gathers consecutive writes in memory and writes them as one
// when SQLite next syncs, reads, sizes, truncates or closes the log, when a write is not contiguous, or
// before SQLite publishes new frames to other connections (the shared-memory barrier and locks of the
// database file, on the same thread).
//
// Durability is unchanged: SQLite syncs the log before a commit returns (synchronous=FULL, which every
// SqlConnection sets), and the sync writes what was gathered first. A crash before the sync loses the
// gathered frames exactly as it would lose frames written but not yet synced.
//
// Call before the first SQLite connection of the process is opened; later calls do nothing. With the
// environment variable CREDITDESK_WAL_WRITE_BUFFER=off it installs nothing (for comparisons).
void installWalWriteBuffer();

} // namespace creditdesk::server
