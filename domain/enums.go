package domain

import (
	"io"
	"strconv"
	"strings"
)

// StakeholderKind is what kind of body a stakeholder is.
type StakeholderKind string

// The stakeholder kinds.
const (
	KindMinistry                  StakeholderKind = "MINISTRY"
	KindAgency                    StakeholderKind = "AGENCY"
	KindCouncil                   StakeholderKind = "COUNCIL"
	KindNGO                       StakeholderKind = "NGO"
	KindCivilSociety              StakeholderKind = "CIVIL_SOCIETY"
	KindInternationalOrganization StakeholderKind = "INTERNATIONAL_ORGANIZATION"
	KindDiplomaticMission         StakeholderKind = "DIPLOMATIC_MISSION"
	KindPrivateSector             StakeholderKind = "PRIVATE_SECTOR"
	KindAcademic                  StakeholderKind = "ACADEMIC"
)

// StakeholderKinds lists every stakeholder kind.
var StakeholderKinds = []StakeholderKind{KindMinistry, KindAgency, KindCouncil, KindNGO, KindCivilSociety,
	KindInternationalOrganization, KindDiplomaticMission, KindPrivateSector, KindAcademic}

// Sector is the broad sector a stakeholder belongs to.
type Sector string

// The sectors.
const (
	SectorGovernment     Sector = "GOVERNMENT"
	SectorLawEnforcement Sector = "LAW_ENFORCEMENT"
	SectorCivilSociety   Sector = "CIVIL_SOCIETY"
	SectorInternational  Sector = "INTERNATIONAL"
	SectorDiplomatic     Sector = "DIPLOMATIC"
	SectorPrivate        Sector = "PRIVATE"
	SectorAcademic       Sector = "ACADEMIC"
)

// Sectors lists every sector.
var Sectors = []Sector{SectorGovernment, SectorLawEnforcement, SectorCivilSociety, SectorInternational,
	SectorDiplomatic, SectorPrivate, SectorAcademic}

// FocusArea is one of the four pillars of anti-trafficking work.
type FocusArea string

// The focus areas.
const (
	FocusPrevention  FocusArea = "PREVENTION"
	FocusProsecution FocusArea = "PROSECUTION"
	FocusProtection  FocusArea = "PROTECTION"
	FocusPartnership FocusArea = "PARTNERSHIP"
)

// FocusAreas lists every focus area.
var FocusAreas = []FocusArea{FocusPrevention, FocusProsecution, FocusProtection, FocusPartnership}

// TieType is the type of a tie between two stakeholders.
type TieType string

// The tie types between stakeholders.
const (
	TiePartnersWith  TieType = "PARTNERS_WITH"
	TieMemberOf      TieType = "MEMBER_OF"
	TiePartOf        TieType = "PART_OF"
	TieSecretariatOf TieType = "SECRETARIAT_OF"
	TieFunds         TieType = "FUNDS"
	TieTrains        TieType = "TRAINS"
	TieCoOrganises   TieType = "CO_ORGANISES"
	TieChairs        TieType = "CHAIRS"
	TieHosts         TieType = "HOSTS"
	TieSanctions     TieType = "SANCTIONS"
	TieCriticises    TieType = "CRITICISES"
	TieDisputes      TieType = "DISPUTES"
)

// TieTypes lists every tie type between stakeholders: the cooperative ones, then the others.
var TieTypes = []TieType{TiePartnersWith, TieMemberOf, TiePartOf, TieSecretariatOf, TieFunds, TieTrains,
	TieCoOrganises, TieChairs, TieHosts, TieSanctions, TieCriticises, TieDisputes}

// CooperativeTieTypes lists the tie types of working together: every type but sanctions, criticism and
// disputes. A network view without a choice of types shows these.
var CooperativeTieTypes = func() []TieType {
	var out []TieType
	for _, t := range TieTypes {
		if t.Cooperative() {
			out = append(out, t)
		}
	}
	return out
}()

// TieDirection says which way a tie points from the stakeholder it is seen from.
type TieDirection string

// The tie directions.
const (
	DirectionOutgoing TieDirection = "OUTGOING"
	DirectionIncoming TieDirection = "INCOMING"
)

// TieDirections lists both directions.
var TieDirections = []TieDirection{DirectionOutgoing, DirectionIncoming}

// EventKind is what kind of gathering an event is.
type EventKind string

// The event kinds.
const (
	EventCeremony     EventKind = "CEREMONY"
	EventTraining     EventKind = "TRAINING"
	EventConsultation EventKind = "CONSULTATION"
	EventWorkshop     EventKind = "WORKSHOP"
	EventMeeting      EventKind = "MEETING"
	EventConference   EventKind = "CONFERENCE"
	EventOperation    EventKind = "OPERATION"
	EventLaunch       EventKind = "LAUNCH"
	EventCampaign     EventKind = "CAMPAIGN"
)

// EventKinds lists every event kind.
var EventKinds = []EventKind{EventCeremony, EventTraining, EventConsultation, EventWorkshop, EventMeeting,
	EventConference, EventOperation, EventLaunch, EventCampaign}

// ParticipationRole is how a stakeholder or person took part in an event.
type ParticipationRole string

// The participation roles.
const (
	RoleHost       ParticipationRole = "HOST"
	RoleAttendee   ParticipationRole = "ATTENDEE"
	RoleRecognised ParticipationRole = "RECOGNISED"
	RoleOrganiser  ParticipationRole = "ORGANISER"
	RoleSponsor    ParticipationRole = "SPONSOR"
	RoleSupporter  ParticipationRole = "SUPPORTER"
	RoleTrainer    ParticipationRole = "TRAINER"
	RoleTrained    ParticipationRole = "TRAINED"
)

// ParticipationRoles lists every participation role.
var ParticipationRoles = []ParticipationRole{RoleHost, RoleAttendee, RoleRecognised, RoleOrganiser,
	RoleSponsor, RoleSupporter, RoleTrainer, RoleTrained}

// SourceKind is what a source document is, which says how much weight it carries as evidence.
type SourceKind string

// The source kinds, from the most to the least weight.
const (
	SourceOfficial          SourceKind = "OFFICIAL"
	SourceIntergovernmental SourceKind = "INTERGOVERNMENTAL"
	SourceNews              SourceKind = "NEWS"
	SourceSelf              SourceKind = "SELF"
	SourceAdvocacy          SourceKind = "ADVOCACY"
	SourceCopy              SourceKind = "COPY"
	SourceLeak              SourceKind = "LEAK"
	SourceMachine           SourceKind = "MACHINE"
)

// SourceKinds lists every source kind, from the most to the least weight.
var SourceKinds = []SourceKind{SourceOfficial, SourceIntergovernmental, SourceNews, SourceSelf, SourceAdvocacy,
	SourceCopy, SourceLeak, SourceMachine}

// Rank is k's place in SourceKinds: 0 for the most weight. An unknown kind ranks after every known one.
func (k SourceKind) Rank() int {
	for i, x := range SourceKinds {
		if x == k {
			return i
		}
	}
	return len(SourceKinds)
}

// OrderDirection is the direction of a sort.
type OrderDirection string

// The sort directions.
const (
	Ascending  OrderDirection = "ASC"
	Descending OrderDirection = "DESC"
)

// OrderDirections lists both directions.
var OrderDirections = []OrderDirection{Ascending, Descending}

// StakeholderOrderField is what stakeholders can be sorted by.
type StakeholderOrderField string

// The stakeholder sort fields.
const (
	OrderByName StakeholderOrderField = "NAME"
	OrderBySlug StakeholderOrderField = "SLUG"
)

// StakeholderOrderFields lists every stakeholder sort field.
var StakeholderOrderFields = []StakeholderOrderField{OrderByName, OrderBySlug}

// IsValid reports whether k is a known kind.
func (k StakeholderKind) IsValid() bool { return contains(StakeholderKinds, k) }

// IsValid reports whether s is a known sector.
func (s Sector) IsValid() bool { return contains(Sectors, s) }

// IsValid reports whether f is a known focus area.
func (f FocusArea) IsValid() bool { return contains(FocusAreas, f) }

// IsValid reports whether t is a known tie type.
func (t TieType) IsValid() bool { return contains(TieTypes, t) }

// IsValid reports whether d is a known direction.
func (d TieDirection) IsValid() bool { return contains(TieDirections, d) }

// IsValid reports whether k is a known event kind.
func (k EventKind) IsValid() bool { return contains(EventKinds, k) }

// IsValid reports whether r is a known role.
func (r ParticipationRole) IsValid() bool { return contains(ParticipationRoles, r) }

// IsValid reports whether k is a known source kind.
func (k SourceKind) IsValid() bool { return contains(SourceKinds, k) }

// IsValid reports whether d is a known direction.
func (d OrderDirection) IsValid() bool { return contains(OrderDirections, d) }

// IsValid reports whether f is a known sort field.
func (f StakeholderOrderField) IsValid() bool { return contains(StakeholderOrderFields, f) }

// The methods below let the GraphQL layer bind these types to its enums directly.

// MarshalGQL writes the kind as a GraphQL enum value.
func (k StakeholderKind) MarshalGQL(w io.Writer) { writeEnum(w, k) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *StakeholderKind) UnmarshalGQL(v any) error { return readEnum(v, k, "StakeholderKind") }

// MarshalGQL writes the sector as a GraphQL enum value.
func (s Sector) MarshalGQL(w io.Writer) { writeEnum(w, s) }

// UnmarshalGQL reads a GraphQL enum value.
func (s *Sector) UnmarshalGQL(v any) error { return readEnum(v, s, "Sector") }

// MarshalGQL writes the focus area as a GraphQL enum value.
func (f FocusArea) MarshalGQL(w io.Writer) { writeEnum(w, f) }

// UnmarshalGQL reads a GraphQL enum value.
func (f *FocusArea) UnmarshalGQL(v any) error { return readEnum(v, f, "FocusArea") }

// MarshalGQL writes the tie type as a GraphQL enum value.
func (t TieType) MarshalGQL(w io.Writer) { writeEnum(w, t) }

// UnmarshalGQL reads a GraphQL enum value: a stored type, or CO_PARTICIPATES, which names the ties of an
// affiliation view and matches no stored tie.
func (t *TieType) UnmarshalGQL(v any) error {
	if v == string(TieCoParticipates) {
		*t = TieCoParticipates
		return nil
	}
	return readEnum(v, t, "TieType")
}

// MarshalGQL writes the direction as a GraphQL enum value.
func (d TieDirection) MarshalGQL(w io.Writer) { writeEnum(w, d) }

// UnmarshalGQL reads a GraphQL enum value.
func (d *TieDirection) UnmarshalGQL(v any) error { return readEnum(v, d, "TieDirection") }

// MarshalGQL writes the event kind as a GraphQL enum value.
func (k EventKind) MarshalGQL(w io.Writer) { writeEnum(w, k) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *EventKind) UnmarshalGQL(v any) error { return readEnum(v, k, "EventKind") }

// MarshalGQL writes the role as a GraphQL enum value.
func (r ParticipationRole) MarshalGQL(w io.Writer) { writeEnum(w, r) }

// UnmarshalGQL reads a GraphQL enum value.
func (r *ParticipationRole) UnmarshalGQL(v any) error { return readEnum(v, r, "ParticipationRole") }

// MarshalGQL writes the source kind as a GraphQL enum value.
func (k SourceKind) MarshalGQL(w io.Writer) { writeEnum(w, k) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *SourceKind) UnmarshalGQL(v any) error { return readEnum(v, k, "SourceKind") }

// MarshalGQL writes the direction as a GraphQL enum value.
func (d OrderDirection) MarshalGQL(w io.Writer) { writeEnum(w, d) }

// UnmarshalGQL reads a GraphQL enum value.
func (d *OrderDirection) UnmarshalGQL(v any) error { return readEnum(v, d, "OrderDirection") }

// MarshalGQL writes the field as a GraphQL enum value.
func (f StakeholderOrderField) MarshalGQL(w io.Writer) { writeEnum(w, f) }

// UnmarshalGQL reads a GraphQL enum value.
func (f *StakeholderOrderField) UnmarshalGQL(v any) error {
	return readEnum(v, f, "StakeholderOrderField")
}

type enum interface {
	~string
	IsValid() bool
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func writeEnum[T ~string](w io.Writer, v T) {
	_, _ = io.WriteString(w, strconv.Quote(string(v)))
}

func readEnum[T enum](v any, dst *T, name string) error {
	s, ok := v.(string)
	if !ok {
		return Errorf(CodeInvalid, "%s must be an enum value, not %T", name, v)
	}
	if !T(s).IsValid() {
		return Errorf(CodeInvalid, "%q is not a valid %s", s, name)
	}
	*dst = T(s)
	return nil
}

// ParseEnum checks that s names a value of the enum T, for input that does not come through GraphQL
// (seed files, imports). The name is used in the error message.
func ParseEnum[T enum](s, name string) (T, error) {
	var v T
	if err := readEnum(s, &v, name); err != nil {
		return v, err
	}
	return v, nil
}

// ParseEnumList reads a comma-separated list of enum values (as given on a command line or in a URL),
// ignoring spaces and empty items. The name is used in the error message.
func ParseEnumList[T enum](list, name string) ([]T, error) {
	var out []T
	for _, item := range strings.Split(list, ",") {
		if item = strings.ToUpper(strings.TrimSpace(item)); item == "" {
			continue
		}
		v, err := ParseEnum[T](item, name)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// ParseNetworkFilter reads a network filter from named text values (URL query parameters, command-line
// flags): kinds, sectors, focusAreas and tieTypes as comma-separated enum values, country, asOf as a full
// date, the evidence asked of each tie as minSources (a number) and minKind (a SourceKind), and the
// affiliation view (see parseAffiliation). get returns "" for a value not given.
func ParseNetworkFilter(get func(name string) string) (NetworkFilter, error) {
	var f NetworkFilter
	var err error
	if f.Kinds, err = ParseEnumList[StakeholderKind](get("kinds"), "StakeholderKind"); err != nil {
		return f, err
	}
	if f.Sectors, err = ParseEnumList[Sector](get("sectors"), "Sector"); err != nil {
		return f, err
	}
	if f.FocusAreas, err = ParseEnumList[FocusArea](get("focusAreas"), "FocusArea"); err != nil {
		return f, err
	}
	if f.TieTypes, err = ParseEnumList[TieType](get("tieTypes"), "TieType"); err != nil {
		return f, err
	}
	if c := strings.TrimSpace(get("country")); c != "" {
		f.Country = &c
	}
	if a := strings.TrimSpace(get("asOf")); a != "" {
		d, err := ParseDay(a)
		if err != nil {
			return f, err
		}
		f.AsOf = &d
	}
	var ev EvidenceFilter
	if n := strings.TrimSpace(get("minSources")); n != "" {
		v, err := strconv.Atoi(n)
		if err != nil {
			return f, Errorf(CodeInvalid, "minSources must be a whole number, not %q", n)
		}
		ev.MinSources = &v
	}
	if k := strings.ToUpper(strings.TrimSpace(get("minKind"))); k != "" {
		v, err := ParseEnum[SourceKind](k, "SourceKind")
		if err != nil {
			return f, err
		}
		ev.MinKind = &v
	}
	if ev != (EvidenceFilter{}) {
		f.Evidence = &ev
	}
	if f.Affiliation, err = parseAffiliation(get); err != nil {
		return f, err
	}
	return f, f.Check()
}

// parseAffiliation reads the affiliation view's values: affiliation (true or false), eventKinds and roles
// as comma-separated enum values, eventsFrom and eventsTo as dates. Any of them asks for the view.
func parseAffiliation(get func(name string) string) (*AffiliationFilter, error) {
	var a AffiliationFilter
	var err error
	on := false
	if v := strings.TrimSpace(get("affiliation")); v != "" {
		if on, err = strconv.ParseBool(v); err != nil {
			return nil, Errorf(CodeInvalid, "affiliation must be true or false, not %q", v)
		}
	}
	if a.EventKinds, err = ParseEnumList[EventKind](get("eventKinds"), "EventKind"); err != nil {
		return nil, err
	}
	if a.Roles, err = ParseEnumList[ParticipationRole](get("roles"), "ParticipationRole"); err != nil {
		return nil, err
	}
	for name, dst := range map[string]**Date{"eventsFrom": &a.From, "eventsTo": &a.To} {
		if v := strings.TrimSpace(get(name)); v != "" {
			d, err := ParseDate(v)
			if err != nil {
				return nil, err
			}
			*dst = &d
		}
	}
	refined := len(a.EventKinds) > 0 || len(a.Roles) > 0 || a.From != nil || a.To != nil
	if get("affiliation") != "" && !on && refined {
		return nil, Errorf(CodeInvalid, "eventKinds, roles, eventsFrom and eventsTo narrow the affiliation network: they cannot go with affiliation=false")
	}
	if !on && !refined {
		return nil, nil
	}
	return &a, nil
}
