#pragma once
// The fund's books (DESIGN §2 "Double entry underneath"): make_journal() maps
// the fund's events to balanced transactions on a small chart of accounts.
// It is here, below io/, because it is the fund's own double entry, made by
// the same fold (fund/apply.hpp) as every statement: a command that moves
// money posts here. The writers for ledger, hledger, beancount and a
// spreadsheet (io/journal.hpp) only print it. Every transaction sums to zero,
// and every figure of the statement (DESIGN §4.3) is the balance of one
// account or of one subtree:
//
//   account                            balance                               statement figure
//   Assets:Fund:Cash                   the fund's money                      cash
//   Assets:Grants:<G>                  paid out to grant G                   disbursed (subtree)
//   Assets:Obligations:<G>             owed back by G's units                obligations_outstanding (subtree)
//   Assets:Memo:Commitments            approved, not yet paid out            committed_undisbursed
//   Liabilities:Memo:Commitments:<G>   the same per grant, negated           −committed_undisbursed (subtree)
//   Equity:Capital:Contributed         capital contributed, negated          −capital_contributed
//   Equity:Obligations:<G>             G's obligations not yet repaid in     −(grant obligation − repaid)
//                                      money, negated: claims the fund
//                                      holds but has not received
//   Income:Allocations                 allocations and true-ups, negated     −allocations
//   Income:Repayments:<G>              repaid by G, negated                  −repayments (subtree)
//   Expenses:WriteOffs:<G>             obligations of G written off          written_off (subtree)
//
// The books are on the statement's cash basis: money in is capital,
// allocations and repayments; money out is disbursements. Obligations are
// kept beside them as receivables against an unrealised-claims equity
// account, so they never touch cash or free capital:
//
//   capital.contributed    Cash +A                 / Equity:Capital:Contributed −A
//   allocation.decided     Cash +A                 / Income:Allocations −A        dated when the money is
//                                                    there: 1 January of the budget year, or the decision if later
//   allocation.trued_up    Cash +T                 / Income:Allocations −T        (T < 0 takes money back)
//   grant.decided          Memo:Commitments +A     / Liabilities:Memo:Commitments:<G> −A
//   grant.disbursed        Grants:<G> +D           / Cash −D
//                          and the commitment it uses: Liabilities:Memo:Commitments:<G> +D / Memo:Commitments −D
//   savings.verified       Obligations:<G> +O      / Equity:Obligations:<G> −O    (O: the obligation stored with
//                                                    the event; 0 when the cap leaves no room: no transaction)
//   repayment.received     Cash +R                 / Income:Repayments:<G> −R
//                          Equity:Obligations:<G> +R / Obligations:<G> −R        (the claim is settled)
//   obligation.written_off Expenses:WriteOffs:<G> +W / Obligations:<G> −W
//   grant.closed           Liabilities:Memo:Commitments:<G> +C / Memo:Commitments −C   (C: what was still committed)
//   event.reversed         the reverse of what the reversed event posted, on the reversal's own date (an
//                          allocation's on that date or when the money was there, whichever is later); a reversed
//                          grant decision releases its commitment, a reversed closing restores it
//
// Commitment postings are the change of the grant's commitment as the one
// fold (fund/apply.hpp) has it, so the memo accounts sum to the statement's
// committed_undisbursed. Events that move no money (applications, reports,
// rulebooks, tax revenue) post nothing. Other relations, per grant G:
// obligation (gross) = −Equity:Obligations:<G> − Income:Repayments:<G>, and
// the money still out in G = Assets:Grants:<G> + Income:Repayments:<G>.
//
// Account components are a grant id as it is when it is a valid beancount
// component (a capital letter or digit, then letters, digits and dashes:
// G-2013-01). Any other id, or one that starts with "0x", becomes "0x" and
// the upper-case hex of its UTF-8 bytes ("g_1" -> 0x675F31), so names stay
// distinct and valid in ledger, hledger and beancount. Entries come in date
// order (then seq); each keeps the event's seq, type and subject, and its own
// date when the books date it otherwise (`event_date`).

#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sifund/fund/apply.hpp"
#include "sifund/ledger/event.hpp"

namespace sifund {

// The chart of accounts.
namespace account {

inline constexpr std::string_view cash = "Assets:Fund:Cash";
inline constexpr std::string_view grants = "Assets:Grants";
inline constexpr std::string_view obligations = "Assets:Obligations";
inline constexpr std::string_view commitments = "Assets:Memo:Commitments";
inline constexpr std::string_view grant_commitments = "Liabilities:Memo:Commitments";
inline constexpr std::string_view capital = "Equity:Capital:Contributed";
inline constexpr std::string_view unrealised = "Equity:Obligations";
inline constexpr std::string_view allocations = "Income:Allocations";
inline constexpr std::string_view repayments = "Income:Repayments";
inline constexpr std::string_view write_offs = "Expenses:WriteOffs";

// An id as an account component valid in ledger, hledger and beancount.
[[nodiscard]] inline std::string component(std::string_view id) {
    auto alnum = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    bool valid = !id.empty() && ((id[0] >= 'A' && id[0] <= 'Z') || (id[0] >= '0' && id[0] <= '9')) &&
                 id.substr(0, 2) != "0x";
    for (char c : id) valid = valid && (alnum(c) || c == '-');
    if (valid) return std::string(id);
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "0x";
    for (unsigned char c : id) {
        out += hex[c >> 4];
        out += hex[c & 0xf];
    }
    return out;
}

// `parent:<component of id>`.
[[nodiscard]] inline std::string of(std::string_view parent, std::string_view id) {
    std::string out(parent);
    out += ':';
    out += component(id);
    return out;
}

}  // namespace account

struct Posting {
    std::string account;
    Money amount;
};

// One balanced transaction: what one event moved.
struct JournalEntry {
    std::int64_t seq = 0;  // the event
    Date date;             // when it takes effect in the books
    Date event_date;       // the event's effective date (differs for allocations available later)
    std::string type;      // the event's type
    std::string subject;   // the grant, the budget year, the reversed event, ...
    std::string note;      // its decision reference or reason, if any
    std::vector<Posting> postings;

    [[nodiscard]] Money sum() const {
        Money s;
        for (const auto& p : postings) s += p.amount;
        return s;
    }
};

struct Journal {
    std::string fund, name;
    Currency currency;
    std::vector<JournalEntry> entries;  // by date, then seq

    // Each account's balance over the entries dated on or before `up_to` (all when absent).
    [[nodiscard]] std::map<std::string, Money> balances(std::optional<Date> up_to = {}) const {
        std::map<std::string, Money> out;
        for (const auto& e : entries) {
            if (up_to && *up_to < e.date) continue;
            for (const auto& p : e.postings) out[p.account] += p.amount;
        }
        return out;
    }
};

// The balance of an account and everything under it.
[[nodiscard]] inline Money balance_of(const std::map<std::string, Money>& balances, std::string_view account) {
    Money sum;
    for (auto it = balances.lower_bound(std::string(account)); it != balances.end(); ++it) {
        const std::string& name = it->first;
        if (name.compare(0, account.size(), account) != 0) break;
        if (name.size() == account.size() || name[account.size()] == ':') sum += it->second;
    }
    return sum;
}

namespace detail::books {

// The grant an event concerns, if any (a reversal: that of the event it reverses).
inline const std::string* grant_of(const Command& c, std::span<const Event> history) {
    if (const auto* r = c.as<cmd::EventReversed>()) {
        if (r->seq < 1 || static_cast<std::size_t>(r->seq) > history.size()) return nullptr;
        const Command& original = history[static_cast<std::size_t>(r->seq - 1)].command;
        return original.as<cmd::EventReversed>() ? nullptr : grant_of(original, history);
    }
    return std::visit(
        [](const auto& x) -> const std::string* {
            if constexpr (requires { x.grant; }) return &x.grant;
            else return nullptr;
        },
        c.body);
}

inline Money committed(const FundState& s, const std::string* grant) {
    if (!grant) return Money();
    const GrantRecord* g = s.grant(*grant);
    return g ? g->committed() : Money();
}

inline Money obligation_of(const FundState& s, const std::string& grant, std::int64_t seq) {
    if (const GrantRecord* g = s.grant(grant))
        for (const auto& o : g->obligations)
            if (o.seq == seq) return o.amount;
    return Money();
}

// The money postings of a command (commitments aside); `obligation` is what a
// savings.verified created.
inline void money_postings(const Command& c, Money obligation, std::vector<Posting>& out) {
    auto post = [&](std::string debit, std::string credit, Money amount) {
        if (amount.is_zero()) return;
        out.push_back({std::move(debit), amount});
        out.push_back({std::move(credit), -amount});
    };
    using namespace account;
    if (const auto* x = c.as<cmd::CapitalContributed>()) {
        post(std::string(cash), std::string(capital), x->amount);
    } else if (const auto* a = c.as<cmd::AllocationDecided>()) {
        post(std::string(cash), std::string(allocations), a->amount);
    } else if (const auto* t = c.as<cmd::AllocationTruedUp>()) {
        post(std::string(cash), std::string(allocations), t->amount);
    } else if (const auto* d = c.as<cmd::GrantDisbursed>()) {
        post(of(grants, d->grant), std::string(cash), d->amount);
    } else if (const auto* v = c.as<cmd::SavingsVerified>()) {
        post(of(obligations, v->grant), of(unrealised, v->grant), obligation);
    } else if (const auto* r = c.as<cmd::RepaymentReceived>()) {
        post(std::string(cash), of(repayments, r->grant), r->amount);
        post(of(unrealised, r->grant), of(obligations, r->grant), r->amount);
    } else if (const auto* w = c.as<cmd::ObligationWrittenOff>()) {
        post(of(write_offs, w->grant), of(obligations, w->grant), w->amount);
    }
}

inline std::string note_of(const Command& c) {
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::remove_cvref_t<decltype(x)>;
            if constexpr (std::is_same_v<T, cmd::EventReversed>) return x.reason;
            else if constexpr (std::is_same_v<T, cmd::CapitalContributed>) return x.decision.value_or("");
            else if constexpr (requires { x.decision; }) return x.decision;
            else return "";
        },
        c.body);
}

}  // namespace detail::books

// The fund's events as balanced transactions, by the same fold as every
// statement (fund/apply.hpp). `events` is the whole history in seq order
// (events[i].seq == i + 1), as Fund::events() gives it.
[[nodiscard]] inline Journal make_journal(std::span<const Event> events) {
    using namespace detail::books;
    Journal j;
    FundState s;  // the full view: every event, whatever its date
    for (std::size_t i = 0; i < events.size(); ++i) {
        const Event& e = events[i];
        if (e.seq != static_cast<std::int64_t>(i) + 1)
            throw InputError("journal.sequence", "the journal needs the whole history in order: event " +
                                                     std::to_string(i + 1) + " has seq " + std::to_string(e.seq));
        const auto history = events.first(i);
        const Command& c = e.command;
        JournalEntry entry;
        entry.seq = e.seq;
        entry.date = entry.event_date = c.date;
        entry.type = std::string(c.type());
        entry.subject = label_of(c);
        entry.note = note_of(c);

        const std::string* grant = grant_of(c, history);
        const Money committed_before = committed(s, grant);
        Money reversed_obligation;
        std::optional<Date> reversal_date;
        const Command* original = nullptr;
        if (const auto* r = c.as<cmd::EventReversed>()) {
            if (r->seq >= 1 && static_cast<std::size_t>(r->seq) <= history.size()) {
                original = &history[static_cast<std::size_t>(r->seq - 1)].command;
                entry.subject = "seq " + std::to_string(r->seq) + ": " + std::string(original->type());
                if (const std::string sub = label_of(*original); !sub.empty()) entry.subject += " " + sub;
                if (const auto* v = original->as<cmd::SavingsVerified>())
                    reversed_obligation = obligation_of(s, v->grant, r->seq);
                if (const auto* a = original->as<cmd::AllocationDecided>()) {
                    // Money that never came need not leave before it was there.
                    const auto it = s.allocations.find(a->budget_year);
                    if (it != s.allocations.end()) reversal_date = std::max(c.date, it->second.available_from());
                }
            }
        }

        sifund::apply(s, e, history);

        if (const auto* f = c.as<cmd::FundEstablished>()) {
            j.fund = f->fund;
            j.name = f->name;
            j.currency = f->currency;
        } else if (const auto* a = c.as<cmd::AllocationDecided>()) {
            entry.date = s.allocations.at(a->budget_year).available_from();
            money_postings(c, Money(), entry.postings);
        } else if (const auto* v = c.as<cmd::SavingsVerified>()) {
            money_postings(c, obligation_of(s, v->grant, e.seq), entry.postings);
        } else if (original) {
            // Only what the fold undoes (fund/apply.hpp: detail::undo) is reversed.
            if (original->as<cmd::CapitalContributed>() || original->as<cmd::AllocationDecided>() ||
                original->as<cmd::GrantDisbursed>() || original->as<cmd::RepaymentReceived>() ||
                original->as<cmd::SavingsVerified>() || original->as<cmd::ObligationWrittenOff>()) {
                std::vector<Posting> undone;
                money_postings(*original, reversed_obligation, undone);
                for (auto& p : undone) entry.postings.push_back({std::move(p.account), -p.amount});
            }
            if (reversal_date) entry.date = *reversal_date;
        } else {
            money_postings(c, Money(), entry.postings);
        }
        if (const Money change = committed(s, grant) - committed_before; !change.is_zero()) {
            entry.postings.push_back({std::string(account::commitments), change});
            entry.postings.push_back({account::of(account::grant_commitments, *grant), -change});
        }
        if (!entry.postings.empty()) j.entries.push_back(std::move(entry));
    }
    std::stable_sort(j.entries.begin(), j.entries.end(),
                     [](const JournalEntry& a, const JournalEntry& b) { return a.date < b.date; });
    return j;
}

}  // namespace sifund
