//! The TypeScript types of the UI are generated from the Rust model, never written by
//! hand. This test regenerates them and fails when the committed `ui/src/bindings.ts` is
//! stale. `UPDATE_BINDINGS=1 cargo test --test bindings` rewrites the file.

use bridger::api::analysis::{
    Analysis, Bin, CurvePoint, DatedKind, DeadlineRow, DriverBar, Mark, PercentileMark, PointRow, Reached, RiskReach, Share, SimProgress,
    SimulationView, TargetMark, Tick,
};
use bridger::api::brief::Written;
use bridger::api::capacity::{
    AxisTick, Bar, CapacityView, CellLoad, Connector, LevelProgress, Leveling, LoadBand, LoadCell, Moved, Span, TeamRow, Timeline,
    WeekColumn,
};
use bridger::api::{
    ApiError, ErrorCode, KeyedDelta, LayoutDelta, ListDelta, Overview, Placement, PlanView, ScheduleDelta, Step, Update, ViewDelta,
};
use bridger::brief::Paper;
use bridger::health::{Finding, PlanError, Report, Severity};
use bridger::layout::{Arrange, Arrangement, Card, Config as LayoutConfig, Group, Lane, Layout, NameFit, Route, Size};
use bridger::model::{
    Calendar, CapacityChange, Distribution, Effort, Estimate, Handoff, Initiative, Kind, Plan, PlanSettings, Position, Risk, RiskStatus,
    Site, Status, Team, ValidationError, Wave,
};
use bridger::risk::{Band, HeatCell, RiskScore};
use bridger::schedule::{Schedule, ScheduledHandoff, ScheduledInitiative};
use bridger::store::{Edit, EditSummary, EntityKind, Patch};
use ts_rs::TS;

fn generated() -> String {
    // Day offsets and counts are i64 in Rust but small: JSON numbers, not bigint.
    let cfg = ts_rs::Config::new().with_large_int("number");
    let decls = [
        Plan::decl(&cfg),
        PlanSettings::decl(&cfg),
        Calendar::decl(&cfg),
        Team::decl(&cfg),
        CapacityChange::decl(&cfg),
        Distribution::decl(&cfg),
        Wave::decl(&cfg),
        Site::decl(&cfg),
        Estimate::decl(&cfg),
        Status::decl(&cfg),
        Effort::decl(&cfg),
        Position::decl(&cfg),
        Initiative::decl(&cfg),
        Kind::decl(&cfg),
        Handoff::decl(&cfg),
        RiskStatus::decl(&cfg),
        Risk::decl(&cfg),
        ValidationError::decl(&cfg),
        Severity::decl(&cfg),
        PlanError::decl(&cfg),
        Finding::decl(&cfg),
        Report::decl(&cfg),
        ScheduledInitiative::decl(&cfg),
        ScheduledHandoff::decl(&cfg),
        Schedule::decl(&cfg),
        EntityKind::decl(&cfg),
        Patch::decl(&cfg),
        Edit::decl(&cfg),
        EditSummary::decl(&cfg),
        ErrorCode::decl(&cfg),
        ApiError::decl(&cfg),
        Overview::decl(&cfg),
        Arrangement::decl(&cfg),
        Group::decl(&cfg),
        Size::decl(&cfg),
        Arrange::decl(&cfg),
        NameFit::decl(&cfg),
        LayoutConfig::decl(&cfg),
        Card::decl(&cfg),
        Route::decl(&cfg),
        bridger::api::Fold::decl(&cfg),
        bridger::api::FoldChange::decl(&cfg),
        bridger::api::GroupKind::decl(&cfg),
        bridger::api::GroupCard::decl(&cfg),
        bridger::api::fold::GroupSummary::decl(&cfg),
        bridger::api::fold::LinkSummary::decl(&cfg),
        Layout::decl(&cfg),
        Lane::decl(&cfg),
        Band::decl(&cfg),
        RiskScore::decl(&cfg),
        HeatCell::decl(&cfg),
        bridger::api::first::WholeCounts::decl(&cfg),
        PlanView::decl(&cfg),
        ListDelta::<ts_rs::Dummy>::decl(&cfg),
        KeyedDelta::<ts_rs::Dummy>::decl(&cfg),
        ScheduleDelta::decl(&cfg),
        LayoutDelta::decl(&cfg),
        ViewDelta::decl(&cfg),
        Update::decl(&cfg),
        Step::decl(&cfg),
        bridger::api::Changed::decl(&cfg),
        bridger::api::drafts::NewKind::decl(&cfg),
        bridger::api::drafts::Removal::decl(&cfg),
        Placement::decl(&cfg),
        bridger::api::files::Format::decl(&cfg),
        bridger::api::exchange::Imported::decl(&cfg),
        bridger::api::files::Exported::decl(&cfg),
        Mark::decl(&cfg),
        PercentileMark::decl(&cfg),
        TargetMark::decl(&cfg),
        Bin::decl(&cfg),
        CurvePoint::decl(&cfg),
        Tick::decl(&cfg),
        DriverBar::decl(&cfg),
        PointRow::decl(&cfg),
        DatedKind::decl(&cfg),
        DeadlineRow::decl(&cfg),
        Share::decl(&cfg),
        SimulationView::decl(&cfg),
        Analysis::decl(&cfg),
        SimProgress::decl(&cfg),
        Reached::decl(&cfg),
        RiskReach::decl(&cfg),
        Written::decl(&cfg),
        Paper::decl(&cfg),
        LoadBand::decl(&cfg),
        CellLoad::decl(&cfg),
        LoadCell::decl(&cfg),
        WeekColumn::decl(&cfg),
        TeamRow::decl(&cfg),
        Span::decl(&cfg),
        Bar::decl(&cfg),
        Connector::decl(&cfg),
        AxisTick::decl(&cfg),
        Timeline::decl(&cfg),
        Moved::decl(&cfg),
        Leveling::decl(&cfg),
        CapacityView::decl(&cfg),
        LevelProgress::decl(&cfg),
        bridger::model::Updated::decl(&cfg),
        bridger::model::Template::decl(&cfg),
        bridger::model::Step::decl(&cfg),
        bridger::model::StepEstimate::decl(&cfg),
        bridger::model::StepEffort::decl(&cfg),
        bridger::model::Quantity::<i32>::decl(&cfg),
        bridger::model::SiteScope::decl(&cfg),
        bridger::model::TemplateHandoff::decl(&cfg),
        bridger::model::TemplateRisk::decl(&cfg),
        bridger::model::CrewChain::decl(&cfg),
        bridger::model::Instance::decl(&cfg),
        bridger::model::Priority::decl(&cfg),
        bridger::model::Deferral::decl(&cfg),
        bridger::model::Pin::decl(&cfg),
        bridger::model::PinAt::decl(&cfg),
        bridger::model::PinSource::decl(&cfg),
        bridger::api::priorities::PriorityStatus::decl(&cfg),
        bridger::api::priorities::PriorityRow::decl(&cfg),
        bridger::api::priorities::PriorityLoad::decl(&cfg),
        bridger::api::priorities::PrioritiesView::decl(&cfg),
        bridger::assessment::Op::decl(&cfg),
        bridger::assessment::Threshold::decl(&cfg),
        bridger::assessment::MeasureId::decl(&cfg),
        bridger::assessment::ItemKind::decl(&cfg),
        bridger::assessment::Item::decl(&cfg),
        bridger::assessment::Measure::decl(&cfg),
        bridger::assessment::Grade::decl(&cfg),
        bridger::assessment::HealthReport::decl(&cfg),
        bridger::api::level::StopProposal::decl(&cfg),
        bridger::api::level::Deferred::decl(&cfg),
        bridger::edit::Application::decl(&cfg),
        bridger::edit::Override::decl(&cfg),
        bridger::review::Why::decl(&cfg),
        bridger::api::review::UpdateRow::decl(&cfg),
        bridger::sites::StatusCounts::decl(&cfg),
        bridger::sites::SiteOverride::decl(&cfg),
        bridger::sites::Flag::decl(&cfg),
        bridger::sites::SiteRow::decl(&cfg),
        bridger::api::sites::WaveRow::decl(&cfg),
        bridger::api::sites::SitesView::decl(&cfg),
        bridger::api::rollout::StepOverride::decl(&cfg),
        bridger::api::rollout::SiteOverrides::decl(&cfg),
        bridger::api::rollout::TemplateAnchor::decl(&cfg),
        bridger::api::rollout::TemplateLayout::decl(&cfg),
        bridger::api::review::UpdateView::decl(&cfg),
        bridger::api::since::CauseLine::decl(&cfg),
        bridger::api::since::MovedLine::decl(&cfg),
        bridger::api::since::SinceView::decl(&cfg),
        <serde_json::Value as TS>::decl(&cfg),
        bridger::api::baseline::OriginKind::decl(&cfg),
        bridger::api::baseline::Cause::decl(&cfg),
        bridger::api::baseline::Move::decl(&cfg),
        bridger::api::baseline::Since::decl(&cfg),
        bridger::api::baseline::Entities::decl(&cfg),
        bridger::api::baseline::Change::decl(&cfg),
        bridger::api::baseline::Rescored::decl(&cfg),
        bridger::api::baseline::TeamOver::decl(&cfg),
        bridger::api::baseline::FindingRef::decl(&cfg),
        bridger::api::baseline::DeferredSince::decl(&cfg),
        bridger::api::baseline::Drift::decl(&cfg),
        bridger::api::baseline::BaselineRow::decl(&cfg),
        bridger::api::baseline::Kept::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust model by tests/bindings.rs. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test --test bindings` after changing the model.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn typescript_bindings_are_fresh() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings.ts");
    let want = generated();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return;
    }
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        return;
    }
    panic!("{} is stale: run `UPDATE_BINDINGS=1 cargo test --test bindings` and commit it", path.display());
}
