#include "domain/Logging.h"

Q_LOGGING_CATEGORY(lcApi, "creditdesk.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCache, "creditdesk.cache", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "creditdesk.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcCredentials, "creditdesk.credentials", QtInfoMsg)
Q_LOGGING_CATEGORY(lcExport, "creditdesk.export", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "creditdesk.app", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "creditdesk.demo", QtInfoMsg)
