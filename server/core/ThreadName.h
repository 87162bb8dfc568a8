#pragma once

#include <pthread.h>

namespace creditdesk::server {

// Names the calling thread (at most 15 characters), so `top -H`, perf and /proc/<pid>/task show which
// of the server's threads is busy: cd-http (request handling), cd-writer (the store's single writer),
// cd-reply (answers of committed writes), cd-checkpoint (copies SQLite's log into the database), cd-blocking
// (password hashing), cd-job (periodic jobs).
inline void nameThisThread(const char* name)
{
    pthread_setname_np(pthread_self(), name);
}

} // namespace creditdesk::server
