#pragma once
// What the fuzzers assert beyond "no crash": a broken promise of the code under test aborts with the
// condition and the input detail, so libFuzzer keeps the input as a reproducer.

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace creditdesk::fuzz {

[[noreturn]] inline void broken(const char* what, const QString& detail = {})
{
    std::fprintf(stderr, "broken promise: %s %s\n", what, detail.toUtf8().constData());
    std::abort();
}

} // namespace creditdesk::fuzz

#define CHECK(condition, detail)                                                                             \
    do {                                                                                                     \
        if (!(condition))                                                                                    \
            creditdesk::fuzz::broken(#condition, detail);                                                    \
    } while (false)
