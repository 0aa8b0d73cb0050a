#pragma once
// Every hindsight check of the auditor, made afresh for each audit (they
// gather what they judge as the replay goes). Their order is the order their
// findings are reported in at each moment of the replay
// (audit/hindsight/hindsight.hpp); findings are then sorted by severity,
// stably, so the order within a severity is this one.

#include <memory>
#include <vector>

#include "sifund/audit/options.hpp"
#include "sifund/audit/hindsight/allocations.hpp"
#include "sifund/audit/hindsight/conflicting_roles.hpp"
#include "sifund/audit/hindsight/confusable_ids.hpp"
#include "sifund/audit/hindsight/empty_history.hpp"
#include "sifund/audit/hindsight/hindsight.hpp"
#include "sifund/audit/hindsight/recording_times.hpp"
#include "sifund/audit/hindsight/reports.hpp"
#include "sifund/audit/hindsight/split_decisions.hpp"

namespace sifund::hindsight {

using Watchers = std::vector<std::unique_ptr<Hindsight>>;

[[nodiscard]] inline Watchers all(const AuditOptions& t) {
    Watchers w;
    w.push_back(std::make_unique<Backdating>(t.backdating_days));
    w.push_back(std::make_unique<TrueUps>());
    w.push_back(std::make_unique<EmptyHistory>());
    w.push_back(std::make_unique<RecordedAfterAudit>(t.as_of));
    w.push_back(std::make_unique<ConfusableIds>());
    w.push_back(std::make_unique<ConflictingRoles>());
    w.push_back(std::make_unique<ImplausibleRate>(t.implausible_rate_factor, t.implausible_rate));
    w.push_back(std::make_unique<FinalBeforeEnd>());
    w.push_back(std::make_unique<SplitDecisions>());
    w.push_back(std::make_unique<PaidWhileOverdue>());
    w.push_back(std::make_unique<ReserveFloorAfterTrueUp>());
    w.push_back(std::make_unique<OverdueOnAuditDate>());
    return w;
}

}  // namespace sifund::hindsight
