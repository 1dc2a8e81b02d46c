/**
 * The fields of one verifiable clause, by kind: who promises to whom, the provinces (a filterable
 * multi-select for a demilitarised zone or the centres of a no-build), the units of a support
 * pledge, the dates. Edits a `Clause` in place; `clause-builder.ts` says whether it is valid.
 */
import { useMemo, useRef, useState } from "react";
import { provinceOf } from "../../../shared/src/map/locations";
import type { GameMap, PowerId, ProvinceId } from "../../../shared/src/map/types";
import type { Position } from "../../../shared/src/game/position";
import type { Clause, SeasonRef } from "../../../shared/src/trust/types";
import { formatSeason } from "../../../shared/src/newspaper/headlines";
import { parseSeasonValue, seasonsFrom, seasonValue } from "./clause-builder";
import { powerName } from "./ui";

interface EditorProps {
  readonly clause: Clause;
  readonly onChange: (clause: Clause) => void;
  readonly map: GameMap;
  readonly parties: readonly PowerId[];
  readonly position: Position;
  readonly now: SeasonRef;
}

/** A select of the parties. */
function PartySelect({
  label,
  value,
  parties,
  map,
  onChange,
  testId,
}: {
  label: string;
  value: PowerId;
  parties: readonly PowerId[];
  map: GameMap;
  onChange: (p: PowerId) => void;
  testId: string;
}) {
  return (
    <label className="pn-field">
      <span className="pn-label">{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {parties.includes(value) ? null : (
          <option value={value}>{powerName(map, value)} (not a party)</option>
        )}
        {parties.map((p) => (
          <option key={p} value={p}>
            {powerName(map, p)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A select of seasons from now on. */
function SeasonSelect({
  label,
  value,
  now,
  movementOnly,
  onChange,
  testId,
}: {
  label: string;
  value: SeasonRef;
  now: SeasonRef;
  movementOnly: boolean;
  onChange: (s: SeasonRef) => void;
  testId: string;
}) {
  const options = seasonsFrom(now, movementOnly ? 10 : 15, movementOnly);
  return (
    <label className="pn-field">
      <span className="pn-label">{label}</span>
      <select
        data-testid={testId}
        value={seasonValue(value)}
        onChange={(e) => {
          const s = parseSeasonValue(e.target.value);
          if (s) onChange(s);
        }}
      >
        {options.map((s) => (
          <option key={seasonValue(s)} value={seasonValue(s)}>
            {formatSeason(s)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Provinces sorted by name, optionally supply centres only. */
function sortedProvinces(map: GameMap, centresOnly = false): { id: ProvinceId; name: string }[] {
  return map.provinces
    .filter((p) => !centresOnly || p.supplyCenter)
    .map((p) => ({ id: p.id, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A filterable multi-select of provinces, the chosen ones shown as removable chips. */
export function ProvincePicker({
  map,
  value,
  onChange,
  centresOnly = false,
  label,
  testPrefix,
}: {
  map: GameMap;
  value: readonly ProvinceId[];
  onChange: (ids: ProvinceId[]) => void;
  centresOnly?: boolean;
  label: string;
  testPrefix: string;
}) {
  const [filter, setFilter] = useState("");
  const filterRef = useRef<HTMLInputElement | null>(null);
  const all = useMemo(() => sortedProvinces(map, centresOnly), [map, centresOnly]);
  const f = filter.trim().toLowerCase();
  const shown = f === "" ? all : all.filter((p) => p.name.toLowerCase().includes(f) || p.id.startsWith(f));
  const toggle = (id: ProvinceId) =>
    onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <div className="pn-field pn-picker">
      <span className="pn-label">{label}</span>
      <div className="pn-picked">
        {value.length === 0 ? <span className="pn-small">none chosen</span> : null}
        {value.map((id) => (
          <button
            key={id}
            type="button"
            className="pn-pill"
            onClick={() => {
              toggle(id);
              filterRef.current?.focus(); // the pill goes: the focus stays in the picker
            }}
            title="Remove"
            aria-label={`Remove ${map.province.get(id)?.name ?? id}`}
          >
            {map.province.get(id)?.name ?? id} ×
          </button>
        ))}
      </div>
      <input
        ref={filterRef}
        type="search"
        placeholder="Filter provinces…"
        value={filter}
        aria-label={`Filter ${label.toLowerCase()}`}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="pn-picker-list" role="group" aria-label={label}>
        {shown.map((p) => (
          <label key={p.id} className="pn-check">
            <input
              type="checkbox"
              data-testid={`${testPrefix}-${p.id}`}
              checked={value.includes(p.id)}
              onChange={() => toggle(p.id)}
            />
            {p.name}
          </label>
        ))}
      </div>
    </div>
  );
}

/** A select of one province: a power's own places first, then the rest of the map. */
function ProvinceSelect({
  label,
  value,
  map,
  first,
  firstLabel,
  allowNone,
  onChange,
  testId,
}: {
  label: string;
  value: ProvinceId | null;
  map: GameMap;
  first: readonly ProvinceId[];
  firstLabel: string;
  allowNone?: string;
  onChange: (id: ProvinceId | null) => void;
  testId: string;
}) {
  const rest = sortedProvinces(map).filter((p) => !first.includes(p.id));
  const name = (id: ProvinceId) => map.province.get(id)?.name ?? id;
  return (
    <label className="pn-field">
      <span className="pn-label">{label}</span>
      <select
        data-testid={testId}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
      >
        <option value="">{allowNone ?? "— choose —"}</option>
        {first.length > 0 ? (
          <optgroup label={firstLabel}>
            {[...first]
              .sort((a, b) => name(a).localeCompare(name(b)))
              .map((id) => (
                <option key={id} value={id}>
                  {name(id)}
                </option>
              ))}
          </optgroup>
        ) : null}
        <optgroup label="Elsewhere">
          {rest.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/** Provinces where a power has a unit. */
function unitProvinces(map: GameMap, position: Position, power: PowerId): ProvinceId[] {
  return [
    ...new Set(position.units.filter((u) => u.power === power).map((u) => provinceOf(map, u.location))),
  ];
}

/** Provinces a power holds: its units and its centres. */
function heldProvinces(map: GameMap, position: Position, power: PowerId): ProvinceId[] {
  const centres = Object.entries(position.supplyCenters)
    .filter(([, owner]) => owner === power)
    .map(([c]) => c);
  return [...new Set([...unitProvinces(map, position, power), ...centres])];
}

/** Where the unit in a province can move: its neighbours for its type. */
function neighbours(map: GameMap, position: Position, province: ProvinceId): ProvinceId[] {
  const unit = position.units.find((u) => provinceOf(map, u.location) === province);
  if (!unit) return [];
  const table = unit.type === "A" ? map.armyAdjacency : map.fleetAdjacency;
  return [...new Set((table.get(unit.location) ?? []).map((l) => provinceOf(map, l)))];
}

/** The fields of a verifiable clause. */
export function ClauseEditor({ clause, onChange, map, parties, position, now }: EditorProps) {
  switch (clause.kind) {
    case "non-aggression":
      return (
        <div className="pn-fields">
          <PartySelect
            label="Who promises"
            testId="clause-from"
            value={clause.from}
            parties={parties}
            map={map}
            onChange={(from) => onChange({ ...clause, from })}
          />
          <PartySelect
            label="Not to attack"
            testId="clause-to"
            value={clause.to}
            parties={parties}
            map={map}
            onChange={(to) => onChange({ ...clause, to })}
          />
        </div>
      );
    case "alliance":
      return (
        <div className="pn-fields">
          <PartySelect
            label="Ally"
            testId="clause-a"
            value={clause.powers[0]}
            parties={parties}
            map={map}
            onChange={(a) => onChange({ ...clause, powers: [a, clause.powers[1]] })}
          />
          <PartySelect
            label="and ally"
            testId="clause-b"
            value={clause.powers[1]}
            parties={parties}
            map={map}
            onChange={(b) => onChange({ ...clause, powers: [clause.powers[0], b] })}
          />
        </div>
      );
    case "demilitarised-zone":
      return (
        <div className="pn-fields pn-fields-col">
          <fieldset className="pn-inline-set">
            <legend className="pn-label">Kept by</legend>
            {parties.map((p) => (
              <label key={p} className="pn-check">
                <input
                  type="checkbox"
                  data-testid={`dmz-power-${p}`}
                  checked={clause.powers.includes(p)}
                  onChange={() =>
                    onChange({
                      ...clause,
                      powers: clause.powers.includes(p)
                        ? clause.powers.filter((x) => x !== p)
                        : parties.filter((x) => x === p || clause.powers.includes(x)),
                    })
                  }
                />
                {powerName(map, p)}
              </label>
            ))}
          </fieldset>
          <ProvincePicker
            map={map}
            label="Provinces"
            testPrefix="dmz-province"
            value={clause.provinces}
            onChange={(provinces) => onChange({ ...clause, provinces })}
          />
        </div>
      );
    case "support-pledge": {
      const fromUnits = unitProvinces(map, position, clause.power);
      const toUnits = unitProvinces(map, position, clause.beneficiary);
      const targets = clause.supported === "" ? [] : neighbours(map, position, clause.supported);
      return (
        <div className="pn-fields">
          <PartySelect
            label="Who pledges"
            testId="clause-power"
            value={clause.power}
            parties={parties}
            map={map}
            onChange={(power) => onChange({ ...clause, power, supporter: "" })}
          />
          <PartySelect
            label="To support"
            testId="clause-beneficiary"
            value={clause.beneficiary}
            parties={parties}
            map={map}
            onChange={(beneficiary) => onChange({ ...clause, beneficiary, supported: "", to: null })}
          />
          <ProvinceSelect
            label="Supporting unit in"
            testId="clause-supporter"
            value={clause.supporter === "" ? null : clause.supporter}
            map={map}
            first={fromUnits}
            firstLabel={`${powerName(map, clause.power)}'s units`}
            onChange={(supporter) => onChange({ ...clause, supporter: supporter ?? "" })}
          />
          <ProvinceSelect
            label="Supported unit in"
            testId="clause-supported"
            value={clause.supported === "" ? null : clause.supported}
            map={map}
            first={toUnits}
            firstLabel={`${powerName(map, clause.beneficiary)}'s units`}
            onChange={(supported) => onChange({ ...clause, supported: supported ?? "", to: null })}
          />
          <ProvinceSelect
            label="Moving to"
            testId="clause-move-to"
            value={clause.to}
            map={map}
            first={targets}
            firstLabel="Next to it"
            allowNone="— hold (no move) —"
            onChange={(to) => onChange({ ...clause, to })}
          />
          <SeasonSelect
            label="In"
            testId="clause-when"
            value={clause.when}
            now={now}
            movementOnly
            onChange={(when) => onChange({ ...clause, when })}
          />
        </div>
      );
    }
    case "no-build":
      return (
        <div className="pn-fields pn-fields-col">
          <div className="pn-fields">
            <PartySelect
              label="Who builds nothing"
              testId="clause-power"
              value={clause.power}
              parties={parties}
              map={map}
              onChange={(power) => onChange({ ...clause, power })}
            />
            <label className="pn-check pn-field">
              <input
                type="checkbox"
                data-testid="clause-fleets-only"
                checked={clause.fleetsOnly}
                onChange={(e) => onChange({ ...clause, fleetsOnly: e.target.checked })}
              />
              Fleets only
            </label>
          </div>
          <ProvincePicker
            map={map}
            centresOnly
            label="In these centres (none chosen: anywhere)"
            testPrefix="nobuild-centre"
            value={clause.centers}
            onChange={(centers) => onChange({ ...clause, centers })}
          />
        </div>
      );
    case "cede":
      return (
        <div className="pn-fields">
          <PartySelect
            label="Who cedes"
            testId="clause-power"
            value={clause.power}
            parties={parties}
            map={map}
            onChange={(power) => onChange({ ...clause, power })}
          />
          <PartySelect
            label="To"
            testId="clause-to"
            value={clause.to}
            parties={parties}
            map={map}
            onChange={(to) => onChange({ ...clause, to })}
          />
          <ProvinceSelect
            label="Province"
            testId="clause-province"
            value={clause.province === "" ? null : clause.province}
            map={map}
            first={heldProvinces(map, position, clause.power)}
            firstLabel={`Held by ${powerName(map, clause.power)}`}
            onChange={(province) => onChange({ ...clause, province: province ?? "" })}
          />
          <SeasonSelect
            label="Leaves it by the end of"
            testId="clause-by"
            value={clause.by}
            now={now}
            movementOnly={false}
            onChange={(by) => onChange({ ...clause, by })}
          />
        </div>
      );
    case "text":
      return null;
  }
}
