// Custom roles through the public API (docs/admin-guide.md "Custom roles"): the permission list, an
// organization's built-in and custom roles, creating, changing and deleting them on the enterprise plan
// (403 feature_not_in_plan elsewhere), assigning them to members, escalation attempts refused, a custom
// role's permissions taking effect with the next request, role_in_use, the cross-organization matrix and
// bad input for every new route (each refusal changes nothing).
#include "TestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUuid>

#include <stdexcept>

using namespace creditdesk::test;

namespace {

QByteArray num(qint64 value)
{
    return QByteArray::number(value);
}

QStringList toStrings(const QJsonArray& array)
{
    QStringList list;
    for (const QJsonValue& value : array)
        list.append(value.toString());
    return list;
}

// The permission table's organization permissions, in its order (platform-only ones left out).
const QStringList kOrganizationPermissions{"organization:read",
                                           "members:manage",
                                           "members:invite_department",
                                           "departments:manage",
                                           "api_tokens:manage",
                                           "credits:read",
                                           "credits:read_department",
                                           "credits:read_own",
                                           "credits:deduct",
                                           "audit:read",
                                           "subscription:read",
                                           "subscription:manage",
                                           "charges:read",
                                           "verification:request",
                                           "seats:manage",
                                           "budgets:manage",
                                           "budgets:request",
                                           "budgets:read",
                                           "roles:manage",
                                           "alerts:read",
                                           "alerts:manage",
                                           "webhooks:manage",
                                           "invoices:read",
                                           "billing:manage",
                                           "credits:purchase"};

const QStringList kOwnerPermissions{
    "organization:read",    "members:manage", "departments:manage", "api_tokens:manage",   "credits:read",
    "credits:deduct",       "audit:read",     "subscription:read",  "subscription:manage", "charges:read",
    "verification:request", "seats:manage",   "budgets:manage",     "budgets:read",        "roles:manage",
    "alerts:read",          "alerts:manage",  "webhooks:manage",    "invoices:read",       "billing:manage",
    "credits:purchase"};

// An organization with one member of each built-in role, all signed in.
struct Org
{
    qint64 id = 0;
    QByteArray path; // "/api/v1/organizations/<id>"
    QByteArray owner, admin, manager, finance, member;
    qint64 ownerId = 0, adminId = 0, managerId = 0, financeId = 0, memberId = 0;
    qint64 department = 0;

    QByteArray roles() const { return path + "/roles"; }
    QByteArray role(const QString& id) const { return path + "/roles/" + id.toLatin1(); }
    QByteArray memberPath(qint64 userId) const { return path + "/members/" + num(userId); }
};

} // namespace

class TestRoles : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Fixture> f;

    QByteArray loginAs(const QString& email) { return f->login(email, Fixture::passwordFor(email)); }
    HttpResponse get(const QByteArray& token, const QByteArray& target)
    {
        return f->server->client(token)->get(target);
    }
    HttpResponse post(const QByteArray& token, const QByteArray& target, const QJsonObject& body)
    {
        return f->server->client(token)->post(target, body);
    }
    HttpResponse send(const QByteArray& token, const QByteArray& method, const QByteArray& target,
                      const QByteArray& body = {})
    {
        return f->server->client(token)->request(method, target, body,
                                                 {{"Content-Type", "application/json"}});
    }
    HttpResponse patch(const QByteArray& token, const QByteArray& target, const QJsonObject& body)
    {
        return send(token, "PATCH", target, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpResponse del(const QByteArray& token, const QByteArray& target)
    {
        return send(token, "DELETE", target);
    }

    static void expectStatus(const HttpResponse& response, int status, const char* what)
    {
        if (response.status != status)
            throw std::runtime_error(std::string(what) + ": expected " + std::to_string(status) + ", got " +
                                     std::to_string(response.status) + " " + response.body.toStdString());
    }

    // The platform admin moves the organization to `plan` at once, without charge (as tst_plans does).
    void setPlan(qint64 organizationId, const QString& plan)
    {
        expectStatus(patch(f->adminToken, "/api/v1/organizations/" + num(organizationId), {{"tier", plan}}),
                     200, "set plan");
    }

    Org organization(const QString& name, const QString& plan)
    {
        Org org;
        org.id = f->createOrganization(f->adminToken, name);
        org.path = "/api/v1/organizations/" + num(org.id);
        org.department = f->createDepartment(f->adminToken, org.id, QStringLiteral("Research"));
        const QString domain = name.toLower() + QStringLiteral(".test");
        const auto add = [&](const QString& who, const QString& role, QByteArray& token, qint64& id) {
            const QString email = who + QLatin1Char('@') + domain;
            // The operator's way: the shipped free plan's one seat is held by the admin who created it.
            id = f->addMemberByOperator(org.id, email, role,
                                        role == QLatin1String("manager") ? std::optional(org.department)
                                                                         : std::nullopt);
            token = loginAs(email);
        };
        add(QStringLiteral("olivia"), QStringLiteral("owner"), org.owner, org.ownerId);
        add(QStringLiteral("adam"), QStringLiteral("admin"), org.admin, org.adminId);
        add(QStringLiteral("mona"), QStringLiteral("manager"), org.manager, org.managerId);
        add(QStringLiteral("fred"), QStringLiteral("finance"), org.finance, org.financeId);
        add(QStringLiteral("rita"), QStringLiteral("member"), org.member, org.memberId);
        if (plan != QLatin1String("free"))
            setPlan(org.id, plan);
        return org;
    }

    // Creates a custom role as `token`; returns its id ("custom-7").
    QString createRole(const QByteArray& token, const Org& org, const QString& name,
                       const QStringList& permissions)
    {
        const HttpResponse response = post(
            token, org.roles(), {{"name", name}, {"permissions", QJsonArray::fromStringList(permissions)}});
        expectStatus(response, 201, "create role");
        return response.json().value("id").toString();
    }
    void assign(const QByteArray& token, const Org& org, qint64 userId, const QString& role)
    {
        expectStatus(patch(token, org.memberPath(userId), {{"role", role}}), 200, "assign role");
    }

    // Everything the roles and members writes could touch, row by row: for "nothing changed".
    QStringList snapshot()
    {
        return f->database.dump({"custom_roles ORDER BY id", "audit_log ORDER BY seq"});
    }

    static void expectError(const HttpResponse& response, int status, const QString& code,
                            const QString& field = {})
    {
        const QByteArray what = "got " + QByteArray::number(response.status) + ' ' + response.body;
        QVERIFY2(response.status == status, what.constData());
        QVERIFY2(response.errorCode() == code, what.constData());
        if (!field.isEmpty())
            QVERIFY2(response.json()
                             .value("error")
                             .toObject()
                             .value("details")
                             .toObject()
                             .value("field")
                             .toString() == field,
                     what.constData());
    }

    template<typename Body> void guarded(Body body)
    {
        try {
            body();
        } catch (const std::exception& error) {
            QFAIL(error.what());
        }
    }

private Q_SLOTS:
    // The periodic jobs (daily refreshes of the shipped catalog's free accounts) run at start and then
    // hourly, not between a test's snapshots at a random moment.
    void init()
    {
        f = std::make_unique<Fixture>(
            QStringList{QStringLiteral("--jobs-interval-ms"), QStringLiteral("3600000")},
            Fixture::Catalog::Shipped);
    }
    void cleanup() { f.reset(); }

    void permissionsListEveryOrganizationPermission()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("free"));
            for (const QByteArray& token : {org.member, org.owner, f->adminToken}) {
                const HttpResponse response = get(token, "/api/v1/permissions");
                QCOMPARE(response.status, 200);
                const QJsonArray data = response.json().value("data").toArray();
                QStringList names;
                for (const QJsonValue& row : data) {
                    names.append(row.toObject().value("name").toString());
                    QVERIFY(!row.toObject().value("description").toString().isEmpty());
                }
                QCOMPARE(names, kOrganizationPermissions); // credits:allocate, credits:refund,
                                                           // billing_terms:manage are not listed
                QCOMPARE(data[0].toObject().value("description").toString(),
                         QString("See the organization, its members, departments and seats"));
                QCOMPARE(data[13].toObject().value("description").toString(),
                         QString("Ask for a verified-institution discount"));
            }
            const QByteArray machine = f->createApiToken(org.owner, org.id, {"credits:read"});
            QCOMPARE(get(machine, "/api/v1/permissions").status, 200);
            QCOMPARE(get({}, "/api/v1/permissions").status, 401);
        });
    }

    void rolesListBuiltInAndCustomRoles()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            const QString auditors =
                createRole(org.owner, org, QStringLiteral("Auditors"), {"audit:read", "organization:read"});
            const HttpResponse listed = get(org.member, org.roles());
            QCOMPARE(listed.status, 200);
            const QJsonArray data = listed.json().value("data").toArray();
            QCOMPARE(data.size(), 6);
            const auto expectRole = [&](int index, const QString& id, const QString& name,
                                        const QStringList& permissions, bool builtin) {
                const QJsonObject role = data[index].toObject();
                QCOMPARE(role.value("id").toString(), id);
                QCOMPARE(role.value("name").toString(), name);
                QCOMPARE(toStrings(role.value("permissions").toArray()), permissions);
                QCOMPARE(role.value("builtin").toBool(), builtin);
            };
            expectRole(0, "owner", "Owner", kOwnerPermissions, true);
            QStringList adminPermissions = kOwnerPermissions;
            adminPermissions.removeOne("verification:request");
            expectRole(1, "admin", "Admin", adminPermissions, true);
            expectRole(2, "manager", "Manager",
                       {"organization:read", "members:invite_department", "credits:read_department",
                        "subscription:read", "budgets:request"},
                       true);
            expectRole(3, "finance", "Finance",
                       {"organization:read", "credits:read", "audit:read", "subscription:read",
                        "charges:read", "budgets:read", "alerts:read", "invoices:read", "billing:manage"},
                       true);
            expectRole(4, "member", "Member", {"organization:read", "credits:read_own", "subscription:read"},
                       true);
            expectRole(5, auditors, "Auditors", {"organization:read", "audit:read"}, false);
            QVERIFY(auditors.startsWith("custom-"));

            // Every member may list (organization:read), an API token of the organization too; an outsider
            // cannot tell the organization exists.
            for (const QByteArray& token : {org.owner, org.admin, org.manager, org.finance,
                                            f->createApiToken(org.owner, org.id, {"credits:read"})})
                QCOMPARE(get(token, org.roles()).json().value("data").toArray(), data);
            const Org other = organization(QStringLiteral("Other"), QStringLiteral("enterprise"));
            expectError(get(other.owner, org.roles()), 404, "not_found");
            // The other organization lists its own roles only.
            QCOMPARE(get(other.owner, other.roles()).json().value("data").toArray().size(), 5);
        });
    }

    void customRolesAreCreatedChangedAndDeleted()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            // Duplicates dropped, stored in the table's order.
            HttpResponse created = post(org.admin, org.roles(),
                                        {{"name", "  Auditors "},
                                         {"permissions", QJsonArray{"audit:read", "credits:read",
                                                                    "audit:read", "organization:read"}}});
            QCOMPARE(created.status, 201);
            const QString id = created.json().value("id").toString();
            QCOMPARE(
                created.json(),
                (QJsonObject{{"id", id},
                             {"name", "Auditors"},
                             {"permissions", QJsonArray{"organization:read", "credits:read", "audit:read"}},
                             {"builtin", false}}));
            const qint64 number = id.mid(7).toLongLong();
            QCOMPARE(
                f->database.scalar("SELECT COUNT(*) FROM custom_roles WHERE id = " + QString::number(number) +
                                   " AND organization_id = " + QString::number(org.id)),
                1);

            // Names are unique per organization, without regard to case, and the built-in names are taken.
            QStringList before = snapshot();
            expectError(post(org.owner, org.roles(), {{"name", "auditors"}, {"permissions", QJsonArray{}}}),
                        409, "role_exists");
            expectError(post(org.owner, org.roles(), {{"name", "Admin"}, {"permissions", QJsonArray{}}}), 409,
                        "role_exists");
            const QString readers = createRole(org.owner, org, QStringLiteral("Readers"), {});
            before = snapshot();
            expectError(patch(org.owner, org.role(readers), {{"name", "AUDITORS"}}), 409, "role_exists");
            QCOMPARE(snapshot(), before);

            // Renaming keeps the permissions; changing permissions keeps the name.
            HttpResponse changed = patch(org.owner, org.role(id), {{"name", "Auditing"}});
            QCOMPARE(changed.status, 200);
            QCOMPARE(changed.json().value("name").toString(), QString("Auditing"));
            QCOMPARE(toStrings(changed.json().value("permissions").toArray()),
                     QStringList({"organization:read", "credits:read", "audit:read"}));
            changed =
                patch(org.admin, org.role(id), {{"permissions", QJsonArray{"charges:read", "audit:read"}}});
            QCOMPARE(changed.status, 200);
            QCOMPARE(changed.json(), (QJsonObject{{"id", id},
                                                  {"name", "Auditing"},
                                                  {"permissions", QJsonArray{"audit:read", "charges:read"}},
                                                  {"builtin", false}}));
            QCOMPARE(patch(org.owner, org.role(id), {{"name", "Auditing"}}).status, 200); // its own name

            // Deleted: gone from the list, then unknown.
            QCOMPARE(del(org.admin, org.role(id)).status, 204);
            QStringList ids;
            for (const QJsonValue& role : get(org.owner, org.roles()).json().value("data").toArray())
                ids.append(role.toObject().value("id").toString());
            QCOMPARE(ids, QStringList({"owner", "admin", "manager", "finance", "member", readers}));
            expectError(del(org.admin, org.role(id)), 404, "not_found");
            expectError(patch(org.admin, org.role(id), {{"name", "Again"}}), 404, "not_found");

            // Built-in roles stay as they are.
            before = snapshot();
            expectError(patch(org.owner, org.role("admin"), {{"name", "Boss"}}), 403, "forbidden");
            expectError(del(org.owner, org.role("member")), 403, "forbidden");
            QCOMPARE(snapshot(), before);

            // Every change is in the audit trail, with the role as its target.
            const QJsonArray entries =
                get(org.owner, "/api/v1/audit?organization_id=" + num(org.id) + "&limit=1000")
                    .json()
                    .value("data")
                    .toArray();
            QStringList actions;
            for (const QJsonValue& entry : entries) {
                const QJsonObject e = entry.toObject();
                const QJsonObject target = e.value("target").toObject();
                if (target.value("type").toString() == "role" && target.value("id").toInteger() == number)
                    actions.prepend(e.value("action").toString());
            }
            QCOMPARE(actions, QStringList({"role.created", "role.changed", "role.changed", "role.changed",
                                           "role.deleted"}));
        });
    }

    void rolesNeedThePlanFeature()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("starter"));
            const QStringList before = snapshot();
            expectError(post(org.owner, org.roles(),
                             {{"name", "Auditors"}, {"permissions", QJsonArray{"audit:read"}}}),
                        403, "feature_not_in_plan");
            expectError(patch(org.owner, org.role("custom-1"), {{"name", "Auditors"}}), 403,
                        "feature_not_in_plan");
            expectError(del(org.owner, org.role("custom-1")), 403, "feature_not_in_plan");
            expectError(patch(org.owner, org.memberPath(org.memberId), {{"role", "custom-1"}}), 403,
                        "feature_not_in_plan");
            QCOMPARE(snapshot(), before);
            // Listing works on every plan: the built-in roles.
            QCOMPARE(get(org.member, org.roles()).json().value("data").toArray().size(), 5);
            // Built-in roles are assigned as always.
            QCOMPARE(patch(org.owner, org.memberPath(org.memberId), {{"role", "finance"}}).status, 200);
        });
    }

    // Leaving enterprise keeps the custom roles and what their members may do; they can no longer be
    // created, changed, deleted or assigned until the plan has the feature again.
    void leavingEnterpriseKeepsRolesButFreezesThem()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            QCOMPARE(f->allocate(f->adminToken, org.id, 1000).status, 201);
            const QString readers =
                createRole(org.owner, org, QStringLiteral("Readers"), {"organization:read", "credits:read"});
            assign(org.owner, org, org.memberId, readers);
            setPlan(org.id, QStringLiteral("starter"));

            const QByteArray transactions = "/api/v1/credits/transactions?organization_id=" + num(org.id);
            QCOMPARE(get(org.member, transactions).status, 200);
            QCOMPARE(get(org.member, org.roles()).json().value("data").toArray().size(), 6);
            const QStringList before = snapshot();
            expectError(patch(org.owner, org.role(readers), {{"name", "Viewers"}}), 403,
                        "feature_not_in_plan");
            expectError(del(org.owner, org.role(readers)), 403, "feature_not_in_plan");
            expectError(patch(org.owner, org.memberPath(org.financeId), {{"role", readers}}), 403,
                        "feature_not_in_plan");
            QCOMPARE(snapshot(), before);
            // Taking the role away (to a built-in one) needs no feature.
            assign(org.owner, org, org.memberId, QStringLiteral("member"));
            QCOMPARE(get(org.member, transactions).json().value("data").toArray().size(), 0); // own movements

            setPlan(org.id, QStringLiteral("enterprise"));
            QCOMPARE(del(org.owner, org.role(readers)).status, 204);
        });
    }

    void escalationAttemptsAreRefused()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            QStringList before = snapshot();
            // An admin cannot hand out the owner's verification:request; managers and finance manage no
            // roles.
            expectError(post(org.admin, org.roles(),
                             {{"name", "Verifiers"}, {"permissions", QJsonArray{"verification:request"}}}),
                        403, "forbidden");
            for (const QByteArray& token : {org.manager, org.finance, org.member})
                expectError(post(token, org.roles(), {{"name", "Mine"}, {"permissions", QJsonArray{}}}), 403,
                            "forbidden");
            QCOMPARE(snapshot(), before);
            // A broader permission includes the narrower ones: credits:read gives credits:read_department.
            createRole(org.admin, org, QStringLiteral("Leads"),
                       {"organization:read", "credits:read_department"});

            // The owner may; an admin can then neither assign nor change that role.
            const QString verifiers = createRole(org.owner, org, QStringLiteral("Verifiers"),
                                                 {"organization:read", "verification:request"});
            const QString readers = createRole(org.admin, org, QStringLiteral("Readers"), {"credits:read"});
            before = snapshot();
            expectError(patch(org.admin, org.memberPath(org.memberId), {{"role", verifiers}}), 403,
                        "forbidden");
            expectError(patch(org.admin, org.role(readers),
                              {{"permissions", QJsonArray{"credits:read", "verification:request"}}}),
                        403, "forbidden");
            expectError(patch(org.admin, org.role(verifiers), {{"name", "Renamed"}}), 403, "forbidden");
            expectError(patch(org.manager, org.role(readers), {{"name", "Renamed"}}), 403, "forbidden");
            expectError(del(org.manager, org.role(readers)), 403, "forbidden");
            QCOMPARE(snapshot(), before);
            assign(org.owner, org, org.memberId, verifiers);

            // A member holding a custom role with members:manage and roles:manage hands out only what
            // they hold: no built-in role carrying more, never the owner role.
            const QString delegates = createRole(org.owner, org, QStringLiteral("Delegates"),
                                                 {"organization:read", "members:manage", "api_tokens:manage",
                                                  "roles:manage", "credits:read_own", "subscription:read"});
            assign(org.owner, org, org.financeId, delegates);
            const QByteArray delegate = org.finance;
            const QString mine = createRole(delegate, org, QStringLiteral("Mine"), {"organization:read"});
            before = snapshot();
            expectError(post(delegate, org.roles(),
                             {{"name", "Spenders"}, {"permissions", QJsonArray{"credits:deduct"}}}),
                        403, "forbidden");
            expectError(patch(delegate, org.role(mine), {{"permissions", QJsonArray{"credits:read"}}}), 403,
                        "forbidden");
            expectError(patch(delegate, org.memberPath(org.managerId), {{"role", "admin"}}), 403,
                        "forbidden");
            expectError(patch(delegate, org.memberPath(org.managerId), {{"role", "owner"}}), 403,
                        "forbidden");
            expectError(patch(delegate, org.memberPath(org.managerId), {{"role", readers}}), 403,
                        "forbidden");
            expectError(patch(delegate, org.memberPath(org.ownerId), {{"role", mine}}), 403, "forbidden");
            // Nor a machine that does more than they may.
            for (const char* scope : {"credits:read", "credits:deduct", "metering:write"})
                expectError(
                    post(delegate, "/api/v1/api-tokens",
                         {{"name", "bot"}, {"organization_id", org.id}, {"scopes", QJsonArray{scope}}}),
                    403, "forbidden");
            QCOMPARE(snapshot(), before);
            assign(delegate, org, org.managerId, QStringLiteral("member")); // holds all of member's
            assign(delegate, org, org.managerId, mine);
            // Nor can a delegate give themselves more.
            expectError(patch(delegate, org.memberPath(org.financeId), {{"role", "finance"}}), 403,
                        "forbidden");
        });
    }

    void aCustomRoleGivesExactlyItsPermissionsAtOnce()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            QCOMPARE(f->allocate(f->adminToken, org.id, 1000).status, 201);
            const qint64 start = f->balance(org.owner, org.id);
            const QString readers =
                createRole(org.owner, org, QStringLiteral("Readers"), {"organization:read", "credits:read"});
            assign(org.admin, org, org.memberId, readers);
            const QByteArray transactions = "/api/v1/credits/transactions?organization_id=" + num(org.id);
            const QJsonObject deduct{{"organization_id", org.id}, {"amount", 10}};

            QCOMPARE(get(org.member, transactions).status, 200);
            QCOMPARE(get(org.member, "/api/v1/credits/balance?organization_id=" + num(org.id)).status, 200);
            QCOMPARE(get(org.member, org.path + "/members").status, 200);
            QStringList before = snapshot();
            expectError(post(org.member, "/api/v1/credits/deduct", deduct), 403, "forbidden");
            expectError(get(org.member, "/api/v1/audit?organization_id=" + num(org.id)), 403, "forbidden");
            expectError(post(org.member, org.path + "/departments", {{"name", "Mine"}}), 403, "forbidden");
            expectError(post(org.member, org.roles(), {{"name", "Mine"}, {"permissions", QJsonArray{}}}), 403,
                        "forbidden");
            QCOMPARE(snapshot(), before);

            // The member's own view: the role's id and exactly its permissions.
            const QJsonObject me =
                get(org.member, "/api/v1/me").json().value("organizations").toArray()[0].toObject();
            QCOMPARE(me.value("role").toString(), readers);
            QCOMPARE(toStrings(me.value("permissions").toArray()),
                     QStringList({"organization:read", "credits:read"}));
            QCOMPARE(get(org.member, org.path).json().value("role").toString(), readers);
            bool listed = false;
            for (const QJsonValue& m : get(org.owner, org.path + "/members").json().value("data").toArray())
                if (m.toObject().value("user_id").toInteger() == org.memberId)
                    listed = m.toObject().value("role").toString() == readers;
            QVERIFY(listed);

            // A change of the role applies to the member's next request.
            QCOMPARE(
                patch(org.owner, org.role(readers),
                      {{"permissions", QJsonArray{"organization:read", "credits:read", "credits:deduct"}}})
                    .status,
                200);
            QCOMPARE(post(org.member, "/api/v1/credits/deduct", deduct).status, 200);
            QCOMPARE(f->balance(org.owner, org.id), start - 10);
            // Usage reported in the member's session: allowed now, and refused with the very next request
            // once the role loses credits:deduct (metering keeps who may report for a second otherwise).
            const auto track = [&](const QString& id) {
                return post(org.member, "/api/v1/metering/track",
                            {{"id", id},
                             {"occurred_at",
                              QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs)},
                             {"organization_id", org.id},
                             {"kind", "chat"},
                             {"model", "openai/gpt-4o"},
                             {"tokens_input", 100},
                             {"tokens_output", 50}});
            };
            QCOMPARE(track("e-1").status, 200);
            const qint64 afterUsage = f->balance(org.owner, org.id);
            QVERIFY(afterUsage < start - 10);
            QCOMPARE(patch(org.owner, org.role(readers), {{"permissions", QJsonArray{"organization:read"}}})
                         .status,
                     200);
            expectError(post(org.member, "/api/v1/credits/deduct", deduct), 403, "forbidden");
            expectError(track("e-2"), 403, "forbidden");
            expectError(get(org.member, transactions), 403, "forbidden");
            QCOMPARE(toStrings(get(org.member, "/api/v1/me")
                                   .json()
                                   .value("organizations")
                                   .toArray()[0]
                                   .toObject()
                                   .value("permissions")
                                   .toArray()),
                     QStringList{"organization:read"});
            // A custom role is never an owner: it cannot touch the owner role.
            QCOMPARE(patch(org.owner, org.role(readers),
                           {{"permissions", QJsonArray{"organization:read", "members:manage"}}})
                         .status,
                     200);
            expectError(patch(org.member, org.memberPath(org.ownerId), {{"role", "member"}}), 403,
                        "forbidden");
            QCOMPARE(f->balance(org.owner, org.id), afterUsage);
        });
    }

    // A custom role with credits:read_department sees its department's movements, as a manager does.
    void departmentScopingFollowsTheMembersDepartment()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            const qint64 support = f->createDepartment(f->adminToken, org.id, QStringLiteral("Support"));
            QCOMPARE(f->allocate(f->adminToken, org.id, 1000).status, 201);
            expectStatus(patch(org.owner, org.memberPath(org.memberId), {{"department_id", org.department}}),
                         200, "department");
            expectStatus(patch(org.owner, org.memberPath(org.financeId), {{"department_id", support}}), 200,
                         "department");
            const auto spend = [&](qint64 member) {
                const HttpResponse response =
                    post(org.owner, "/api/v1/credits/deduct",
                         {{"organization_id", org.id}, {"amount", 5}, {"member_id", member}});
                expectStatus(response, 200, "deduct");
                return response.json().value("transaction").toObject().value("id").toInteger();
            };
            const qint64 research1 = spend(org.memberId);
            spend(org.financeId);
            const qint64 research2 = spend(org.managerId);
            const QString leads = createRole(org.owner, org, QStringLiteral("Leads"),
                                             {"organization:read", "credits:read_department"});
            assign(org.owner, org, org.memberId, leads);
            const QByteArray list =
                "/api/v1/credits/transactions?organization_id=" + num(org.id) + "&kind=deduction";
            QList<qint64> ids;
            for (const QJsonValue& row : get(org.member, list).json().value("data").toArray())
                ids.append(row.toObject().value("id").toInteger());
            QCOMPARE(ids, (QList<qint64>{research2, research1}));
        });
    }

    void aRoleMembersHoldCannotBeDeleted()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            const QString readers =
                createRole(org.owner, org, QStringLiteral("Readers"), {"organization:read"});
            assign(org.owner, org, org.memberId, readers);
            assign(org.owner, org, org.financeId, readers);
            const QStringList before = snapshot();
            const HttpResponse refused = del(org.owner, org.role(readers));
            expectError(refused, 409, "role_in_use");
            QCOMPARE(refused.json()
                         .value("error")
                         .toObject()
                         .value("details")
                         .toObject()
                         .value("members")
                         .toInteger(),
                     2);
            QCOMPARE(snapshot(), before);
            assign(org.owner, org, org.memberId, QStringLiteral("member"));
            expectError(del(org.owner, org.role(readers)), 409, "role_in_use");
            assign(org.owner, org, org.financeId, QStringLiteral("finance"));
            QCOMPARE(del(org.owner, org.role(readers)).status, 204);
        });
    }

    // Another organization's owner: 404 on every new route of this organization, and this
    // organization's roles cannot be reached or assigned through their own.
    void organizationsAreIsolated()
    {
        guarded([&] {
            const Org acme = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            const Org other = organization(QStringLiteral("Other"), QStringLiteral("enterprise"));
            const QString readers =
                createRole(acme.owner, acme, QStringLiteral("Readers"), {"organization:read"});
            const QStringList before = snapshot();
            const QByteArray body = R"({"name": "Taken", "permissions": ["organization:read"]})";
            for (const QByteArray& token : {other.owner, other.admin, other.member}) {
                expectError(get(token, acme.roles()), 404, "not_found");
                expectError(send(token, "POST", acme.roles(), body), 404, "not_found");
                expectError(send(token, "PATCH", acme.role(readers), body), 404, "not_found");
                expectError(del(token, acme.role(readers)), 404, "not_found");
                expectError(patch(token, acme.memberPath(acme.memberId), {{"role", readers}}), 404,
                            "not_found");
            }
            expectError(send(other.owner, "PATCH", other.role(readers), body), 404, "not_found");
            expectError(del(other.owner, other.role(readers)), 404, "not_found");
            expectError(patch(other.owner, other.memberPath(other.memberId), {{"role", readers}}), 422,
                        "validation_failed", "role");
            QCOMPARE(snapshot(), before);
            // A name taken in one organization is free in another.
            QCOMPARE(
                send(other.owner, "POST", other.roles(), R"({"name": "Readers", "permissions": []})").status,
                201);
        });
    }

    void badInputIsRefusedNamingTheField()
    {
        guarded([&] {
            const Org org = organization(QStringLiteral("Acme"), QStringLiteral("enterprise"));
            const QString readers =
                createRole(org.owner, org, QStringLiteral("Readers"), {"organization:read"});
            const QByteArray longName = '"' + QByteArray(81, 'x') + '"';
            struct Case
            {
                QByteArray method;
                QByteArray target;
                QByteArray body;
                int status;
                const char* code;
                const char* field;
            };
            const QByteArray roles = org.roles();
            const QByteArray role = org.role(readers);
            const QByteArray member = org.memberPath(org.memberId);
            const QList<Case> cases{
                {"POST", roles, R"({"permissions": []})", 422, "validation_failed", "name"},
                {"POST", roles, R"({"name": "", "permissions": []})", 422, "validation_failed", "name"},
                {"POST", roles, R"({"name": "   ", "permissions": []})", 422, "validation_failed", "name"},
                {"POST", roles, R"({"name": 7, "permissions": []})", 422, "validation_failed", "name"},
                {"POST", roles, R"({"name": )" + longName + R"(, "permissions": []})", 422,
                 "validation_failed", "name"},
                {"POST", roles, R"({"name": "a\u0001b", "permissions": []})", 422, "validation_failed",
                 "name"},
                {"POST", roles, R"({"name": "New"})", 422, "validation_failed", "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": "audit:read"})", 422, "validation_failed",
                 "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": [1]})", 422, "validation_failed",
                 "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": ["credits:steal"]})", 422,
                 "validation_failed", "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": ["credits:allocate"]})", 422,
                 "validation_failed", "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": ["credits:refund"]})", 422,
                 "validation_failed", "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": ["billing_terms:manage"]})", 422,
                 "validation_failed", "permissions"},
                {"POST", roles, R"({"name": "New", "permissions": [], "builtin": true})", 422,
                 "unknown_field", "builtin"},
                {"POST", roles, "not json", 400, "malformed_json", nullptr},
                {"POST", roles, "[]", 400, "invalid_body", nullptr},
                {"PATCH", role, "{}", 422, "validation_failed", "name"},
                {"PATCH", role, R"({"name": ""})", 422, "validation_failed", "name"},
                {"PATCH", role, R"({"name": null})", 422, "validation_failed", "name"},
                {"PATCH", role, R"({"permissions": ["credits:allocate"]})", 422, "validation_failed",
                 "permissions"},
                {"PATCH", role, R"({"permissions": ["nope"]})", 422, "validation_failed", "permissions"},
                {"PATCH", role, R"({"permissions": null})", 422, "validation_failed", "permissions"},
                {"PATCH", role, R"({"id": "custom-9"})", 422, "unknown_field", "id"},
                {"PATCH", org.role("custom-999999"), R"({"name": "X"})", 404, "not_found", nullptr},
                {"PATCH", org.role("custom-abc"), R"({"name": "X"})", 404, "not_found", nullptr},
                {"PATCH", org.role("custom-01"), R"({"name": "X"})", 404, "not_found", nullptr},
                {"PATCH", org.role("boss"), R"({"name": "X"})", 404, "not_found", nullptr},
                {"DELETE", org.role("custom-999999"), {}, 404, "not_found", nullptr},
                {"DELETE", org.role("custom-0"), {}, 404, "not_found", nullptr},
                {"DELETE", org.role("7"), {}, 404, "not_found", nullptr},
                {"PATCH", member, R"({"role": "custom-999999"})", 422, "validation_failed", "role"},
                {"PATCH", member, R"({"role": "custom-x"})", 422, "validation_failed", "role"},
                {"PATCH", member, R"({"role": "boss"})", 422, "validation_failed", "role"},
                {"PATCH", member, R"({"role": 7})", 422, "validation_failed", "role"},
                {"PATCH", member, R"({"role": ""})", 422, "validation_failed", "role"},
                {"GET", "/api/v1/organizations/abc/roles", {}, 404, "not_found", nullptr},
                {"GET", "/api/v1/organizations/999999/roles", {}, 404, "not_found", nullptr},
            };
            const QStringList before = snapshot();
            for (const Case& c : cases) {
                const HttpResponse response = send(org.owner, c.method, c.target, c.body);
                const QByteArray what = c.method + ' ' + c.target + ' ' + c.body + ": got " +
                                        QByteArray::number(response.status) + ' ' + response.body;
                QVERIFY2(response.status == c.status, what.constData());
                QVERIFY2(response.errorCode() == QLatin1String(c.code), what.constData());
                if (c.field)
                    QVERIFY2(response.json().value("error").toObject().value("details").toObject().value(
                                 "field") == QLatin1String(c.field),
                             what.constData());
            }
            QCOMPARE(snapshot(), before);
            // /api/v1/permissions takes no input: a query changes nothing of the answer.
            QCOMPARE(get(org.owner, "/api/v1/permissions?x=1").json().value("data").toArray().size(),
                     kOrganizationPermissions.size());
        });
    }
};

QTEST_GUILESS_MAIN(TestRoles)
#include "tst_roles.moc"
