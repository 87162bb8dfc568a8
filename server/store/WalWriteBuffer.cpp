#include "store/WalWriteBuffer.h"

#include <QString>
#include <QtGlobal>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <sqlite3.h>

namespace creditdesk::server {

namespace {

// A log file gathers at most this much before it is written anyway (a batch commit of a thousand
// usage events writes about 2 MB of frames).
constexpr std::size_t kMaxGathered = 8u << 20;
constexpr std::size_t kFirstCapacity = 256u << 10;

sqlite3_vfs* g_platform = nullptr; // the VFS this one wraps (SQLite's "unix")
sqlite3_vfs g_vfs{};
sqlite3_io_methods g_methods{};

// What SQLite allocates per open file of this VFS: this header, then the platform's own file object.
// Only database and log files get the header's methods; every other file is the platform's file as is.
struct alignas(8) ShimFile
{
    sqlite3_file base; // first: SQLite sees a ShimFile as a sqlite3_file
    sqlite3_file* platform;
    bool log; // a write-ahead log (SQLITE_OPEN_WAL), whose writes are gathered
    char* gathered;
    std::size_t used;
    std::size_t capacity;
    sqlite3_int64 start; // file offset of gathered[0]
};

ShimFile* shim(sqlite3_file* file)
{
    return reinterpret_cast<ShimFile*>(file);
}

sqlite3_file* platform(sqlite3_file* file)
{
    return shim(file)->platform;
}

// The log with gathered writes on this thread. Each connection is used by one thread (a Qt SQL
// rule, and SqlConnection's), and SQLite writes a commit's frames and then publishes them within one
// call on that thread, so the database file's shared-memory hooks on the same thread find the log
// whose frames are about to become visible here.
thread_local ShimFile* t_gathering = nullptr;

// The unix VFS writes at most 128 KB - 1 per call (it masks the size to 17 bits, so a write of exactly
// 256 KB would write nothing and report a full disk): what is gathered goes out in pieces below that.
constexpr std::size_t kMaxWrite = 112u << 10;

int writeGathered(ShimFile* file)
{
    int result = SQLITE_OK;
    for (std::size_t done = 0; done < file->used && result == SQLITE_OK; done += kMaxWrite) {
        const std::size_t piece = std::min(kMaxWrite, file->used - done);
        result =
            file->platform->pMethods->xWrite(file->platform, file->gathered + done, static_cast<int>(piece),
                                             file->start + static_cast<sqlite3_int64>(done));
    }
    file->used = 0;
    if (t_gathering == file)
        t_gathering = nullptr;
    return result;
}

int writeThreadGathered()
{
    return t_gathering ? writeGathered(t_gathering) : SQLITE_OK;
}

bool reserve(ShimFile* file, std::size_t needed)
{
    if (needed <= file->capacity)
        return true;
    std::size_t capacity = file->capacity ? file->capacity : kFirstCapacity;
    while (capacity < needed)
        capacity *= 2;
    char* grown = static_cast<char*>(std::realloc(file->gathered, capacity));
    if (!grown)
        return false;
    file->gathered = grown;
    file->capacity = capacity;
    return true;
}

int shimWrite(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset)
{
    ShimFile* self = shim(file);
    if (!self->log)
        return self->platform->pMethods->xWrite(self->platform, data, amount, offset);
    const auto size = static_cast<std::size_t>(amount);
    if (self->used > 0 && (offset != self->start + static_cast<sqlite3_int64>(self->used) ||
                           self->used + size > kMaxGathered)) {
        if (const int result = writeGathered(self); result != SQLITE_OK)
            return result;
    }
    if (t_gathering && t_gathering != self) { // another log gathered on this thread: it goes first
        if (const int result = writeGathered(t_gathering); result != SQLITE_OK)
            return result;
    }
    if (size > kMaxGathered || !reserve(self, self->used + size)) // SQLite's own writes are at most a page
        return self->platform->pMethods->xWrite(self->platform, data, amount, offset);
    if (self->used == 0)
        self->start = offset;
    std::memcpy(self->gathered + self->used, data, size);
    self->used += size;
    t_gathering = self;
    return SQLITE_OK;
}

int shimClose(sqlite3_file* file)
{
    ShimFile* self = shim(file);
    const int gathered = writeGathered(self);
    std::free(self->gathered);
    self->gathered = nullptr;
    self->capacity = 0;
    const int closed = self->platform->pMethods->xClose(self->platform);
    return gathered != SQLITE_OK ? gathered : closed;
}

// Every other operation on a log sees the file as if each write had been made: what is gathered is
// written first.
int shimRead(sqlite3_file* file, void* data, int amount, sqlite3_int64 offset)
{
    if (const int result = writeGathered(shim(file)); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xRead(platform(file), data, amount, offset);
}

int shimTruncate(sqlite3_file* file, sqlite3_int64 size)
{
    if (const int result = writeGathered(shim(file)); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xTruncate(platform(file), size);
}

int shimSync(sqlite3_file* file, int flags)
{
    if (const int result = writeGathered(shim(file)); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xSync(platform(file), flags);
}

int shimFileSize(sqlite3_file* file, sqlite3_int64* size)
{
    if (const int result = writeGathered(shim(file)); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xFileSize(platform(file), size);
}

int shimLock(sqlite3_file* file, int level)
{
    return platform(file)->pMethods->xLock(platform(file), level);
}

int shimUnlock(sqlite3_file* file, int level)
{
    return platform(file)->pMethods->xUnlock(platform(file), level);
}

int shimCheckReservedLock(sqlite3_file* file, int* reserved)
{
    return platform(file)->pMethods->xCheckReservedLock(platform(file), reserved);
}

int shimFileControl(sqlite3_file* file, int op, void* argument)
{
    if (const int result = writeGathered(shim(file)); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xFileControl(platform(file), op, argument);
}

int shimSectorSize(sqlite3_file* file)
{
    return platform(file)->pMethods->xSectorSize(platform(file));
}

int shimDeviceCharacteristics(sqlite3_file* file)
{
    return platform(file)->pMethods->xDeviceCharacteristics(platform(file));
}

// The database file's shared memory holds the log's index: SQLite makes new frames visible to other
// connections by writing its header there, between barriers, while holding the write lock. The
// frames' bytes must be in the log file before that.
int shimShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** memory)
{
    if (platform(file)->pMethods->iVersion < 2)
        return SQLITE_IOERR_SHMMAP;
    return platform(file)->pMethods->xShmMap(platform(file), region, size, extend, memory);
}

int shimShmLock(sqlite3_file* file, int offset, int count, int flags)
{
    if (const int result = writeThreadGathered(); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xShmLock(platform(file), offset, count, flags);
}

void shimShmBarrier(sqlite3_file* file)
{
    // Unreachable with synchronous=FULL (the commit's sync wrote everything). If it ever fails here,
    // SQLite is about to publish frames that are not in the file: stopping is the only safe answer.
    if (const int result = writeThreadGathered(); result != SQLITE_OK)
        qFatal("writing the SQLite log failed (%d) before its frames were published", result);
    platform(file)->pMethods->xShmBarrier(platform(file));
}

int shimShmUnmap(sqlite3_file* file, int deleteFlag)
{
    if (const int result = writeThreadGathered(); result != SQLITE_OK)
        return result;
    return platform(file)->pMethods->xShmUnmap(platform(file), deleteFlag);
}

int shimFetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** page)
{
    if (platform(file)->pMethods->iVersion < 3) { // no memory mapping: SQLite reads instead
        *page = nullptr;
        return SQLITE_OK;
    }
    return platform(file)->pMethods->xFetch(platform(file), offset, amount, page);
}

int shimUnfetch(sqlite3_file* file, sqlite3_int64 offset, void* page)
{
    if (platform(file)->pMethods->iVersion < 3)
        return SQLITE_OK;
    return platform(file)->pMethods->xUnfetch(platform(file), offset, page);
}

int shimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* outFlags)
{
    if (!(flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL))) // journals, temporary files: as they are
        return g_platform->xOpen(g_platform, name, file, flags, outFlags);
    ShimFile* self = shim(file);
    self->platform = reinterpret_cast<sqlite3_file*>(self + 1);
    self->log = (flags & SQLITE_OPEN_WAL) != 0;
    self->gathered = nullptr;
    self->used = 0;
    self->capacity = 0;
    self->start = 0;
    self->platform->pMethods = nullptr;
    const int result = g_platform->xOpen(g_platform, name, self->platform, flags, outFlags);
    // SQLite closes a file whose methods are set even when opening failed, so the wrapper is set
    // exactly when the platform's file is.
    self->base.pMethods = self->platform->pMethods ? &g_methods : nullptr;
    return result;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDirectory)
{
    return g_platform->xDelete(g_platform, name, syncDirectory);
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* result)
{
    return g_platform->xAccess(g_platform, name, flags, result);
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out)
{
    return g_platform->xFullPathname(g_platform, name, size, out);
}

void* vfsDlOpen(sqlite3_vfs*, const char* name)
{
    return g_platform->xDlOpen(g_platform, name);
}

void vfsDlError(sqlite3_vfs*, int size, char* message)
{
    g_platform->xDlError(g_platform, size, message);
}

void (*vfsDlSym(sqlite3_vfs*, void* handle, const char* symbol))(void)
{
    return g_platform->xDlSym(g_platform, handle, symbol);
}

void vfsDlClose(sqlite3_vfs*, void* handle)
{
    g_platform->xDlClose(g_platform, handle);
}

int vfsRandomness(sqlite3_vfs*, int size, char* out)
{
    return g_platform->xRandomness(g_platform, size, out);
}

int vfsSleep(sqlite3_vfs*, int microseconds)
{
    return g_platform->xSleep(g_platform, microseconds);
}

int vfsCurrentTime(sqlite3_vfs*, double* now)
{
    return g_platform->xCurrentTime(g_platform, now);
}

int vfsGetLastError(sqlite3_vfs*, int size, char* message)
{
    return g_platform->xGetLastError(g_platform, size, message);
}

int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* now)
{
    return g_platform->xCurrentTimeInt64(g_platform, now);
}

void install()
{
    if (qEnvironmentVariable("CREDITDESK_WAL_WRITE_BUFFER") == QLatin1String("off"))
        return; // for comparisons (docs/operations.md)
    g_platform = sqlite3_vfs_find(nullptr);
    if (!g_platform || g_platform->iVersion < 2) {
        qWarning("SQLite's default VFS is missing or too old: the log is written unbuffered");
        return;
    }
    g_methods.iVersion = 3;
    g_methods.xClose = shimClose;
    g_methods.xRead = shimRead;
    g_methods.xWrite = shimWrite;
    g_methods.xTruncate = shimTruncate;
    g_methods.xSync = shimSync;
    g_methods.xFileSize = shimFileSize;
    g_methods.xLock = shimLock;
    g_methods.xUnlock = shimUnlock;
    g_methods.xCheckReservedLock = shimCheckReservedLock;
    g_methods.xFileControl = shimFileControl;
    g_methods.xSectorSize = shimSectorSize;
    g_methods.xDeviceCharacteristics = shimDeviceCharacteristics;
    g_methods.xShmMap = shimShmMap;
    g_methods.xShmLock = shimShmLock;
    g_methods.xShmBarrier = shimShmBarrier;
    g_methods.xShmUnmap = shimShmUnmap;
    g_methods.xFetch = shimFetch;
    g_methods.xUnfetch = shimUnfetch;

    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(ShimFile)) + g_platform->szOsFile;
    g_vfs.mxPathname = g_platform->mxPathname;
    g_vfs.zName = "creditdesk-wal-buffer";
    g_vfs.xOpen = shimOpen;
    g_vfs.xDelete = vfsDelete;
    g_vfs.xAccess = vfsAccess;
    g_vfs.xFullPathname = vfsFullPathname;
    g_vfs.xDlOpen = vfsDlOpen;
    g_vfs.xDlError = vfsDlError;
    g_vfs.xDlSym = vfsDlSym;
    g_vfs.xDlClose = vfsDlClose;
    g_vfs.xRandomness = vfsRandomness;
    g_vfs.xSleep = vfsSleep;
    g_vfs.xCurrentTime = vfsCurrentTime;
    g_vfs.xGetLastError = vfsGetLastError;
    g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
    if (sqlite3_vfs_register(&g_vfs, 1) != SQLITE_OK)
        qWarning("could not register SQLite's log write buffer: the log is written unbuffered");
}

} // namespace

void installWalWriteBuffer()
{
    static std::once_flag once;
    std::call_once(once, install);
}

} // namespace creditdesk::server
