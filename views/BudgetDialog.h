#pragma once

#include "api/ApiError.h"
#include "domain/OrgAdmin.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace creditdesk {

class OrganizationClient;

// Sets or removes a department budget or a member limit (owners, admins), or asks for a department budget
// (managers: the budget asked for and a reason). A budget caps what may be spent from the pool; it never
// creates or moves credits.
class BudgetDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode
    {
        DepartmentBudget,
        MemberLimit,
        Request
    };

    // `targetId`: the department (DepartmentBudget, Request) or the member's user id (MemberLimit).
    BudgetDialog(OrganizationClient* client, qint64 organizationId, Mode mode, qint64 targetId,
                 const QString& targetName, const std::optional<BudgetLimit>& current,
                 QWidget* parent = nullptr);

    void setCredits(const QString& text);
    void setPeriod(const QString& period);
    void setEnforcement(const QString& enforcement);
    void setReason(const QString& reason);
    std::optional<qint64> credits() const;
    QString message() const;
    void save();
    void removeLimit();

Q_SIGNALS:
    void saved();
    void failed(const QString& message);

private:
    void send(const std::optional<BudgetLimit>& limit);
    void finish(const ApiError& error);
    void updateButtons();

    OrganizationClient* m_client;
    qint64 m_organizationId;
    Mode m_mode;
    qint64 m_targetId;
    bool m_busy = false;
    QLineEdit* m_credits;
    QComboBox* m_period;
    QComboBox* m_enforcement;
    QLineEdit* m_reason;
    QLabel* m_message;
    QDialogButtonBox* m_buttons;
    QPushButton* m_save;
    QPushButton* m_remove;
};

} // namespace creditdesk
