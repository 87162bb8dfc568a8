#pragma once

#include <QString>

#include <span>

namespace creditdesk::server {

// One error code the API answers with: its HTTP status and the message used when the thrower gives
// none. The one table of them is in ErrorCodes.cpp; docs/openapi.yaml lists the same codes
// (x-creditdesk-errors) and a test compares the two.
struct ErrorKind
{
    const char* code;
    int status;
    const char* defaultMessage;
};

std::span<const ErrorKind> errorKinds();
// The kind of `code`, or nullptr for a code that is not in the table (a programming error).
const ErrorKind* errorKind(const QString& code);

} // namespace creditdesk::server
