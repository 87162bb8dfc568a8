// TaxCalculator on its own (no database): which rate a buyer gets, reverse charge, exemption, the
// fallback to the seller's country and the rounding (once per rate, half up), with exact amounts.
#include "invoices/Invoices.h"
#include "invoices/TaxCalculator.h"

#include <QTest>

using namespace creditdesk::server;

class TestTaxCalculator : public QObject
{
    Q_OBJECT

    static std::vector<TaxRate> rates()
    {
        return {{"DE", "", "VAT", 1900}, {"FR", "", "VAT", 2000},    {"AT", "", "VAT", 2000},
                {"GB", "", "VAT", 2000}, {"US", "", "Sales tax", 0}, {"US", "NY", "Sales tax", 400}};
    }
    static TaxBuyer buyer(QString country, QString region = {}, QString taxId = {})
    {
        return TaxBuyer{std::move(country), std::move(region), std::move(taxId), false, {}};
    }
    static QString describe(const std::vector<TaxLine>& lines)
    {
        QStringList out;
        for (const TaxLine& l : lines)
            out.append(QStringLiteral("%1/%2 %3 %4 %5bp %6 %7 %8")
                           .arg(l.country, l.region, l.name, l.treatment)
                           .arg(l.rateBasisPoints)
                           .arg(l.taxableMinor)
                           .arg(l.taxMinor)
                           .arg(l.note));
        return out.join(u'|');
    }

private Q_SLOTS:
    void domesticBuyerPaysTheirCountrysRate()
    {
        const TaxCalculator calc(QStringLiteral("DE"), rates());
        QCOMPARE(describe(calc.linesFor(buyer("DE"), 2400)),
                 QStringLiteral("DE/ VAT standard 1900bp 2400 456 "));
        // A German business (a VAT id) in Germany: domestic, no reverse charge.
        QCOMPARE(describe(calc.linesFor(buyer("DE", {}, "DE999999999"), 2400)),
                 QStringLiteral("DE/ VAT standard 1900bp 2400 456 "));
    }

    void euBusinessInAnotherMemberStateIsReverseCharged()
    {
        const TaxCalculator calc(QStringLiteral("DE"), rates());
        QCOMPARE(describe(calc.linesFor(buyer("FR", {}, "FR12345678901"), 10000)),
                 QStringLiteral("FR/ VAT reverse_charge 0bp 10000 0 ") +
                     QLatin1String(TaxCalculator::kReverseChargeNote));
        // A French consumer (no VAT id) pays French VAT; a British business is outside the EU.
        QCOMPARE(describe(calc.linesFor(buyer("FR"), 10000)),
                 QStringLiteral("FR/ VAT standard 2000bp 10000 2000 "));
        QCOMPARE(describe(calc.linesFor(buyer("GB", {}, "GB123"), 10000)),
                 QStringLiteral("GB/ VAT standard 2000bp 10000 2000 "));
        // A seller outside the EU never reverse-charges.
        const TaxCalculator british(QStringLiteral("GB"), rates());
        QCOMPARE(describe(british.linesFor(buyer("FR", {}, "FR1"), 10000)),
                 QStringLiteral("FR/ VAT standard 2000bp 10000 2000 "));
    }

    void exemptBuyerPaysNoneWithTheReason()
    {
        const TaxCalculator calc(QStringLiteral("DE"), rates());
        TaxBuyer university = buyer("DE");
        university.exempt = true;
        university.exemptionReason = QStringLiteral("Public university, §4 Nr. 21 UStG");
        QCOMPARE(describe(calc.linesFor(university, 5000)),
                 QStringLiteral(
                     "DE/ Tax exempt exempt 0bp 5000 0 Exempt from tax: Public university, §4 Nr. 21 UStG"));
        // Exemption wins over reverse charge.
        university.country = QStringLiteral("AT");
        university.taxId = QStringLiteral("ATU1");
        QCOMPARE(calc.linesFor(university, 5000).front().treatment, QStringLiteral("exempt"));
    }

    void regionRateWhereTheTableHasOne()
    {
        const TaxCalculator calc(QStringLiteral("US"), rates());
        QCOMPARE(describe(calc.linesFor(buyer("US", "NY"), 1000)),
                 QStringLiteral("US/NY Sales tax standard 400bp 1000 40 "));
        QCOMPARE(calc.linesFor(buyer("US", "ny"), 1000).front().taxMinor, 40); // as the buyer typed it
        QCOMPARE(describe(calc.linesFor(buyer("US", "OR"), 1000)),
                 QStringLiteral("US/ Sales tax standard 0bp 1000 0 "));
    }

    void noCountryFallsBackToTheSellers()
    {
        QCOMPARE(describe(TaxCalculator(QStringLiteral("DE"), rates()).linesFor(TaxBuyer{}, 1000)),
                 QStringLiteral("DE/ VAT standard 1900bp 1000 190 "));
        // Neither country known, or a country without a rate: no tax line.
        QVERIFY(TaxCalculator(QString(), rates()).linesFor(TaxBuyer{}, 1000).empty());
        QVERIFY(TaxCalculator(QStringLiteral("DE"), rates()).linesFor(buyer("JP"), 1000).empty());
    }

    void roundsHalfUpOncePerRate()
    {
        QCOMPARE(TaxCalculator::applyRate(50, 1900), 10);    // 9.5 → 10
        QCOMPARE(TaxCalculator::applyRate(1, 4999), 0);      // 0.4999 → 0
        QCOMPARE(TaxCalculator::applyRate(1, 5000), 1);      // 0.5 → 1
        QCOMPARE(TaxCalculator::applyRate(2633, 1900), 500); // 500.27 → 500
        QCOMPARE(TaxCalculator::applyRate(-50, 1900), -10);  // by magnitude
        QCOMPARE(TaxCalculator::applyRate(1290, 810), 104);  // 104.49 → 104
        // Once on the invoice's taxable amount, not per line: 3 × 50 at 19 % is 29 (28.5 → 29), where
        // per-line rounding would give 30.
        const TaxCalculator calc(QStringLiteral("DE"), rates());
        const std::vector<InvoiceLine> lines{{std::nullopt, "period_fee", "a", 1, 50, 50},
                                             {std::nullopt, "period_fee", "b", 1, 50, 50},
                                             {std::nullopt, "period_fee", "c", 1, 50, 50}};
        const InvoiceTotals totals = InvoiceTotals::compute(lines, calc, buyer("DE"));
        QCOMPARE(totals.subtotalMinor, 150);
        QCOMPARE(totals.taxMinor, 29);
        QCOMPARE(totals.totalMinor, 179);
    }

    void discountsComeOffTheTaxableAmount()
    {
        const TaxCalculator calc(QStringLiteral("DE"), rates());
        const std::vector<InvoiceLine> lines{{std::nullopt, "period_fee", "Fee", 1, 3000, 3000},
                                             {std::nullopt, "discount", "Coupon", 1, -600, -600}};
        const InvoiceTotals totals = InvoiceTotals::compute(lines, calc, buyer("DE"));
        QCOMPARE(totals.subtotalMinor, 3000);
        QCOMPARE(totals.discountMinor, 600);
        QCOMPARE(totals.taxLines.size(), 1u);
        QCOMPARE(totals.taxLines[0].taxableMinor, 2400);
        QCOMPARE(totals.taxMinor, 456);
        QCOMPARE(totals.totalMinor, 2856);
        // Fully discounted: nothing taxable, no tax line.
        const std::vector<InvoiceLine> free{{std::nullopt, "period_fee", "Fee", 1, 3000, 3000},
                                            {std::nullopt, "discount", "Free", 1, -3000, -3000}};
        QVERIFY(InvoiceTotals::compute(free, calc, buyer("DE")).taxLines.empty());
    }
};

QTEST_GUILESS_MAIN(TestTaxCalculator)
#include "tst_tax_calculator.moc"
