#include "alerts/NetworkAddresses.h"

#include <arpa/inet.h>
#include <array>
#include <cstdint>

namespace creditdesk::server {

namespace {

AddressKind classifyIpv4(const std::array<std::uint8_t, 4>& a)
{
    if (a[0] == 127)
        return AddressKind::Loopback;
    const bool internal = a[0] == 0 || a[0] == 10 || (a[0] == 100 && (a[1] & 0xC0) == 64) || // 100.64/10
                          (a[0] == 169 && a[1] == 254) || (a[0] == 172 && (a[1] & 0xF0) == 16) ||
                          (a[0] == 192 && a[1] == 168) || (a[0] == 192 && a[1] == 0 && a[2] == 0) ||
                          a[0] >= 224; // multicast, reserved, broadcast
    return internal ? AddressKind::Internal : AddressKind::Public;
}

} // namespace

AddressKind classifyAddress(const QString& host)
{
    QString text = host;
    if (text.startsWith(QLatin1Char('[')) && text.endsWith(QLatin1Char(']')))
        text = text.mid(1, text.size() - 2);
    const QByteArray latin = text.toLatin1();
    std::array<std::uint8_t, 4> v4{};
    if (inet_pton(AF_INET, latin.constData(), v4.data()) == 1)
        return classifyIpv4(v4);
    std::array<std::uint8_t, 16> v6{};
    if (inet_pton(AF_INET6, latin.constData(), v6.data()) != 1)
        return AddressKind::NotAnAddress;
    bool zeroPrefix = true; // ::/96 and ::ffff:0:0/96 carry an IPv4 address in their last four bytes
    for (int i = 0; i < 10; ++i)
        zeroPrefix = zeroPrefix && v6[static_cast<std::size_t>(i)] == 0;
    if (zeroPrefix && v6[10] == 0xFF && v6[11] == 0xFF)
        return classifyIpv4({v6[12], v6[13], v6[14], v6[15]});
    if (zeroPrefix && v6[10] == 0 && v6[11] == 0) {
        bool allZero = true;
        for (int i = 12; i < 15; ++i)
            allZero = allZero && v6[static_cast<std::size_t>(i)] == 0;
        if (allZero && v6[15] == 1)
            return AddressKind::Loopback; // ::1
        return AddressKind::Internal;     // ::, and the deprecated IPv4-compatible form
    }
    if ((v6[0] & 0xFE) == 0xFC || (v6[0] == 0xFE && (v6[1] & 0xC0) == 0x80) || v6[0] == 0xFF)
        return AddressKind::Internal; // unique local fc00::/7, link-local fe80::/10, multicast ff00::/8
    return AddressKind::Public;
}

bool isLoopbackHost(const QString& host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           classifyAddress(host) == AddressKind::Loopback;
}

} // namespace creditdesk::server
