#pragma once

#include <QString>

namespace creditdesk::server {

// Where an IP address points, for outgoing webhook deliveries: a URL a customer gives must not make the
// server reach into the operator's own network (server-side request forgery). Loopback is allowed only
// when the URL names it (development and tests); private, link-local, shared, multicast and unspecified
// addresses never.
enum class AddressKind
{
    NotAnAddress, // a host name
    Public,
    Loopback,
    Internal // private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, multicast, unspecified, reserved
};

AddressKind classifyAddress(const QString& host); // IPv4 or IPv6 text, with or without [brackets]
// "localhost" or a loopback address: the hosts a webhook URL may name for development and tests.
bool isLoopbackHost(const QString& host);

} // namespace creditdesk::server
