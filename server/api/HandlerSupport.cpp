#include "api/ServerContext.h"
#include "audit/AuditTrail.h"
#include "core/Crypto.h"
#include "core/Json.h"

#include <QDebug>

namespace creditdesk::server {

bool InFlightKeys::tryEnter(const QString& key)
{
    QMutexLocker lock(&m_mutex);
    if (m_keys.contains(key))
        return false;
    m_keys.insert(key);
    return true;
}

void InFlightKeys::leave(const QString& key)
{
    QMutexLocker lock(&m_mutex);
    m_keys.remove(key);
}

Principal ServerContext::authenticate(const ApiRequest& request)
{
    const qint64 now = clock.nowMs();
    if (auto cached = principals.find(request.authorization, now))
        return *cached;
    const quint64 epoch = principals.epoch();
    Principal principal = server::authenticate(store.reader(), request, now);
    principals.insert(request.authorization, principal, now, epoch);
    return principal;
}

namespace {

bool isValidIdempotencyKey(const QByteArray& key)
{
    if (key.isEmpty() || key.size() > 255)
        return false;
    for (const char c : key)
        if (c < 0x21 || c > 0x7e)
            return false;
    return true;
}

} // namespace

AuditRecord auditEntryOf(const AuditContext& audit, qint64 nowMs, const AuditNote& note,
                         QByteArray summaryUtf8)
{
    AuditRecord record;
    record.at = nowMs;
    record.actorType = audit.actorType;
    record.actorId = note.actorId ? note.actorId : audit.actorId;
    record.organizationId = note.organizationId ? note.organizationId : audit.organizationId;
    record.action = audit.action;
    record.targetType = note.targetType.isEmpty() ? audit.targetType : note.targetType.toUtf8();
    record.targetId = note.targetId ? note.targetId : audit.targetId;
    record.summary = std::move(summaryUtf8);
    record.requestId = audit.requestId;
    return record;
}

AuditRecord auditEntryOf(const AuditContext& audit, qint64 nowMs, const AuditNote& note)
{
    return auditEntryOf(
        audit, nowMs, note,
        (note.summary.isEmpty() ? defaultAuditSummary(audit.requestBody) : note.summary).toUtf8());
}

WriteCommand audited(AuditContext audit, qint64 nowMs, WriteCommand command)
{
    return [audit = std::move(audit), nowMs, command = std::move(command)](SqlConnection& db) {
        ApiResponse response = command(db);
        if (response.status >= 400 || response.audit.unchanged)
            return response;
        const AuditNote& note = response.audit;
        AuditTrail(db).append(auditEntryOf(audit, nowMs, note));
        return response;
    };
}

void submitWrite(ServerContext& context, const AuditContext& audit, WriteCommand command, Responder responder)
{
    context.store.submit(audited(audit, context.clock.nowMs(), std::move(command)),
                         [&context, responder = std::move(responder)](ApiResponse response) {
                             context.directoryGeneration.fetch_add(1);
                             responder(std::move(response));
                         });
}

void submitIdempotent(ServerContext& context, const Call& call, const QByteArray& canonicalBody,
                      WriteCommand command, Responder responder)
{
    if (call.request().idempotencyKey.isEmpty()) {
        context.store.submit(audited(call.audit(), context.clock.nowMs(), std::move(command)),
                             std::move(responder));
        return;
    }
    idempotentSubmitter(context, call, canonicalBody)(std::move(command), std::move(responder));
}

IdempotentSubmit idempotentSubmitter(ServerContext& context, const Call& call,
                                     const QByteArray& canonicalBody)
{
    const ApiRequest& request = call.request();
    const Principal& principal = call.principal();
    if (!isValidIdempotencyKey(request.idempotencyKey))
        throw ApiError::badRequest(
            QStringLiteral("invalid_idempotency_key"),
            QStringLiteral("Idempotency-Key must be 1 to 255 printable ASCII characters"));
    const QString scope = principal.idempotencyScope();
    const QString key = QString::fromLatin1(request.idempotencyKey);
    const QString requestHash = QString::fromLatin1(
        crypto::sha256Hex(request.method + ' ' + request.path.toUtf8() + '\n' + canonicalBody));
    const QString inFlightKey = scope + QLatin1Char('\n') + key;
    const AuditContext audit = call.audit();
    return
        [&context, scope, key, requestHash, inFlightKey, audit](WriteCommand command, Responder responder) {
            if (!context.inFlightKeys.tryEnter(inFlightKey))
                throw ApiError::conflict(
                    QStringLiteral("idempotency_in_progress"),
                    QStringLiteral("A request with this Idempotency-Key is still being processed"));
            const qint64 now = context.clock.nowMs();
            WriteCommand idempotent =
                idempotentCommand(scope, key, requestHash, now, audited(audit, now, std::move(command)));
            context.store.submit(
                std::move(idempotent),
                [&context, inFlightKey, responder = std::move(responder)](ApiResponse response) {
                    context.inFlightKeys.leave(inFlightKey);
                    responder(std::move(response));
                },
                IdempotencyKeys::Key{scope, key});
        };
}

Attribution actorOf(const Principal& principal)
{
    Attribution actor;
    actor.actorKind = principal.actorKind();
    actor.actorId = principal.actorId();
    return actor;
}

} // namespace creditdesk::server
