/**
 * The four entities under test, declared once: every writable field with its type, whether POST/PUT
 * require it, and the read-only fields a record carries. Facts and sources: nexudus-api.md §1-§3, §8
 * and the seed pages in seeds/. Everything else (schemas, generators, sandbox, specs, OpenAPI) is
 * derived from these declarations.
 */
import type { TProperties, TObject, Static } from '@sinclair/typebox';
import { Type } from './typebox-lite.ts';
import { fk, nfk, str, nstr, dt, ndt, bool, int, num, enm, nenm, idList, opt, meta, isOptional, type RefName } from './fields.ts';

export type { EntityDecl, EntityName, Module, PageReading } from './decl.ts';
import type { EntityDecl } from './decl.ts';
import { pageEntities } from './page-entities.ts';

/** Identity with inference: keeps each entity's field types for Static<>. */
function defineEntity<F extends TProperties, R extends TProperties>(d: EntityDecl<F, R>): EntityDecl<F, R> {
  return d;
}

const DT_NOTE_UTC = 'ISO-8601 UTC with Z in requests (nexudus-api.md §6); responses may carry 0-7 fractional digits.';

// ---------------------------------------------------------------------------------------------
// CoworkerInventoryAsset: nexudus-api.md §2.1; seeds 000 (PUT) and 001 (POST)
export const CoworkerInventoryAsset = defineEntity({
  name: 'CoworkerInventoryAsset',
  module: 'spaces',
  collection: 'coworkerinventoryassets',
  summary: 'An inventory asset (chair, desk, monitor…) assigned to a customer at a location for a period.',
  fields: {
    CoworkerId: fk('Coworker', 'coworkerId', 'Coworker Id.'),
    BusinessId: fk('Business', 'businessId', 'Business Id.'),
    InventoryAssetId: fk('InventoryAsset', 'inventoryAssetId', 'Inventory Asset Id.'),
    AssignedFrom: dt('Date the asset was assigned to the customer.', { 'x-note': DT_NOTE_UTC }),
    Notes: opt(nstr('text', 'Free-text notes about this asset assignment.')),
    AssignedTo: opt(ndt('Date the asset assignment ends. Null if still assigned.', { 'x-after': 'AssignedFrom' })),
  },
  readOnly: {
    CoworkerCoworkerType: Type.Unsafe<string | number | null>({
      type: ['string', 'integer', 'null'],
      description: 'Type of the linked coworker, as the enum name.',
      'x-note': 'nexudus-api.md §8 #8: a string enum name here (live "Individual") while Coworker.CoworkerType is an int: both readings pass.',
    }),
    CoworkerFullName: nstr('personName', 'Denormalized from the coworker.'),
    CoworkerBillingName: nstr('personName', 'Denormalized from the coworker.'),
    CoworkerCompanyName: nstr('companyName', 'Denormalized from the coworker.'),
    CoworkerTeamNames: nstr('text', 'Comma-separated team names of the coworker.'),
    InventoryAssetName: nstr('title', 'Denormalized from the inventory asset.'),
    InventoryAssetSku: nstr('code', 'Denormalized from the inventory asset.'),
    InventoryAssetValue: Type.Unsafe<string | number | null>({
      type: ['string', 'number', 'null'],
      description: 'Value of the linked inventory asset.',
      'x-note': 'nexudus-api.md §8 #7: the docs skeleton types it string; a live export showed numbers (0.0, 350.0): both readings pass.',
    }),
    InventoryAssetUniqueId: nstr('guid', 'Unique identifier (e.g. serial number) of the linked inventory asset.'),
  },
  deleteVia: { kind: 'delete' },
  markerFields: ['Notes'],
  needs: ['coworkerId', 'businessId', 'inventoryAssetId'],
  deleteOrder: 0,
});

// ---------------------------------------------------------------------------------------------
// CoworkerTask: nexudus-api.md §2.2; seed 002 (PUT)
export const CoworkerTask = defineEntity({
  name: 'CoworkerTask',
  module: 'crm',
  collection: 'coworkertasks',
  summary: 'A to-do about a customer, assigned to an administrator.',
  fields: {
    BusinessId: fk('Business', 'businessId', 'Business Id.'),
    CoworkerId: fk('Coworker', 'coworkerId', 'Coworker Id.'),
    Name: str('title', 'Name of the task.'),
    ResponsibleId: fk('Responsible', 'responsibleId', 'Id of the administrator user responsible for the task.'),
    Notes: opt(nstr('text', 'Additional details or instructions for the task.')),
    TaskItemUniqueId: opt(nstr('guid', 'Unique identifier of the task item within a task list.')),
    Completed: opt(bool('Whether the task has been marked as completed.')),
    DueDate: opt(ndt('Due date for the task (UTC).')),
    Reminded: opt(bool('Whether a reminder has been sent for this task.')),
    NotifyByEmail: opt(bool('Whether to notify the responsible admin by email when the task is due.')),
    DisplayToEveryone: opt(bool('Whether the task is visible to all admin users.')),
    DueDateLocal: opt(ndt("Due date for the task in the location's local timezone.", {
      'x-local-time': true,
      'x-note': 'How DueDateLocal interacts with DueDate when both are sent is silent (nexudus-api.md §2.2): not compared in round trips.',
    })),
  },
  readOnly: {
    BusinessName: nstr('companyName', 'Denormalized from the business.'),
    CoworkerFullName: nstr('personName', 'Denormalized from the coworker.'),
    CoworkerCompanyName: nstr('companyName', 'Denormalized from the coworker.'),
    CoworkerTeamNames: nstr('text', 'Denormalized from the coworker.'),
    TaskListName: nstr('title', 'Name of the task list.'),
    FormPageRequestUniqueId: nstr('guid', 'Form page request that created the task.'),
    ResponsibleFullName: nstr('personName', 'Denormalized from the responsible user.'),
  },
  deleteVia: { kind: 'delete' },
  markerFields: ['Notes', 'Name'],
  needs: ['businessId', 'coworkerId', 'responsibleId'],
  deleteOrder: 1,
});

// ---------------------------------------------------------------------------------------------
// Workspace: nexudus-api.md §2.3; seed 004 (PUT)
export const Workspace = defineEntity({
  name: 'Workspace',
  module: 'collaboration',
  collection: 'workspaces',
  summary: 'A collaborative workspace where members share files and coordinate.',
  fields: {
    BusinessId: fk('Business', 'businessId', 'ID of the business linked to this record.'),
    AdministratorId: fk('Administrator', 'administratorId', 'ID of the administrator (a Coworker) linked to this record.'),
    Name: str('title', 'The name value for this workspace.'),
    VisibleInMySpaces: opt(bool('Whether visible in my spaces is enabled.')),
    VisibleByEveryone: opt(bool('Whether visible by everyone is enabled.')),
    Archived: opt(bool('Whether this workspace is archived and hidden from active lists.')),
    Description: opt(nstr('text', 'Free-text description of this workspace.')),
    Members: opt(idList('coworkerId', 'List of members linked to this record (replaces the whole list).')),
    AddedMembers: opt(idList('coworkerId', 'Members to add.', {
      'x-modifies': 'Members',
      'x-note': 'Precedence when Members and AddedMembers/RemovedMembers are sent together is silent (nexudus-api.md §8 #12).',
    })),
    RemovedMembers: opt(idList('coworkerId', 'Members to remove.', { 'x-modifies': 'Members' })),
  },
  readOnly: {},
  notInList: ['Members'],
  writeOnly: ['AddedMembers', 'RemovedMembers'],
  deleteVia: { kind: 'delete' },
  markerFields: ['Description', 'Name'],
  needs: ['businessId', 'administratorId'],
  deleteOrder: 2,
});

// ---------------------------------------------------------------------------------------------
// Coworker: nexudus-api.md §2.4; seed 003 (PUT)
const GENDER = { 0: 'None', 1: 'NotSet', 2: 'Male', 3: 'Female', 4: 'Other', 5: 'RatherNotSay' };
const RECORD_TYPE = { 1: 'Individual', 2: 'Company' };
const TAX_RATE_TYPE = { 1: 'Default', 2: 'Reduced', 3: 'Exempt' };
const ATTENDANCE = { 1: 'WorkingFromOffice', 2: 'WorkingFromHome', 3: 'WorkingFromAbroad', 4: 'NotWorking', 5: 'Undefined' };
const PAYMENT_PROVIDER = {
  0: 'None', 1: 'MultiGateway', 2: 'Stripe', 3: 'Forte', 4: 'AuthorizeNetSubscription', 5: 'PaypalStandardSubscription',
  6: 'PayPalAdaptive', 7: 'EPay', 8: 'Braintree', 9: 'EziDebit', 10: 'LiqPay', 11: 'StripeACH', 12: 'GoCardless',
  13: 'StripeBACS', 94: 'CreditNote', 95: 'GiftCard', 96: 'BankTransfer', 97: 'Cash', 98: 'Check', 99: 'Other',
};
const REQUIRED_14 =
  'nexudus-api.md §8 #2: the docs text lists 4 required fields; the OpenAPI playground and the CLI list 14 (this one among them). ' +
  'The schema takes the documented reading (optional); valid payloads always send it so that both readings accept them.';
const INFERRED = { 'x-evidence': 'inferred', 'x-send': 'never' } as const;
const SERVER_BUSINESS = 'nexudus-api.md §2.4: a coworker written without Businesses/InvoicingBusinessId silently gets a business tied to the login (live), so an empty value may read back filled in.';
/** side effects on a live tenant (e-mails, payment or printing integrations, credentials): never generated */
const NEVER = { 'x-send': 'never' } as const;
const attendance = (day: string) =>
  opt(enm(ATTENDANCE, `${day} attendance. See eCoworkerAttendance.`, { 'x-send': 'always', 'x-note': REQUIRED_14 }));

const coworkerStrings = (names: string[], gen: Parameters<typeof nstr>[0] = 'word', o = {}) =>
  Object.fromEntries(names.map((n) => [n, opt(nstr(gen, `${n.replace(/([a-z])([A-Z])/g, '$1 $2')}.`, o))]));
const coworkerBools = (names: string[], o = {}) =>
  Object.fromEntries(names.map((n) => [n, opt(bool(`${n.replace(/([a-z])([A-Z])/g, '$1 $2')}.`, o))]));
const coworkerDates = (names: string[], o = {}) =>
  Object.fromEntries(names.map((n) => [n, opt(ndt(`${n.replace(/([a-z])([A-Z])/g, '$1 $2')}.`, o))]));

export const Coworker = defineEntity({
  name: 'Coworker',
  module: 'spaces',
  collection: 'coworkers',
  summary: 'A customer (individual or company) with personal, billing, access-control and plan data.',
  fields: {
    FullName: str('personName', 'Full name.'),
    Email: str('email', 'E-mail address.'),
    CountryId: fk('Country', 'countryId', 'Country Id.'),
    SimpleTimeZoneId: fk('SimpleTimeZone', 'simpleTimeZoneId', 'Time zone Id.'),
    CoworkerType: opt(enm(RECORD_TYPE, 'Coworker type. See eCoworkerRecordType.', { 'x-send': 'always', 'x-note': REQUIRED_14 })),
    Gender: opt(enm(GENDER, 'Gender. See eGender.', { 'x-send': 'always', 'x-note': REQUIRED_14 })),
    TaxRateType: opt(enm(TAX_RATE_TYPE, 'Tax rate type. See eCoworkerTaxRateType.', { 'x-send': 'always', 'x-note': REQUIRED_14 })),
    MondayAttendance: attendance('Monday'),
    TuesdayAttendance: attendance('Tuesday'),
    WednesdayAttendance: attendance('Wednesday'),
    ThursdayAttendance: attendance('Thursday'),
    FridayAttendance: attendance('Friday'),
    SaturdayAttendance: attendance('Saturday'),
    SundayAttendance: attendance('Sunday'),
    Businesses: opt(idList('businessId', 'Locations the customer belongs to.', { 'x-server-default': true, 'x-note': SERVER_BUSINESS })),
    AddedBusinesses: opt(idList('businessId', 'Locations to add.', { ...NEVER, 'x-modifies': 'Businesses' })),
    RemovedBusinesses: opt(idList('businessId', 'Locations to remove.', { ...NEVER, 'x-modifies': 'Businesses' })),
    Teams: opt(idList(undefined, 'Teams.', NEVER)),
    AddedTeams: opt(idList(undefined, 'Teams to add.', { ...NEVER, 'x-modifies': 'Teams' })),
    RemovedTeams: opt(idList(undefined, 'Teams to remove.', { ...NEVER, 'x-modifies': 'Teams' })),
    Salutation: opt(nstr('salutation', 'Salutation.')),
    CreateUser: opt(bool('Create user account: grants portal access and sends a welcome e-mail.', NEVER)),
    NewAvatarUrl: opt(nstr('url', 'URL of a new avatar image (the server downloads it).', NEVER)),
    ClearAvatarFile: opt(bool('Clear the avatar.', NEVER)),
    NewBannerImageUrl: opt(nstr('url', 'URL of a new banner image (the server downloads it).', NEVER)),
    ClearBannerImageFile: opt(bool('Clear the banner image.', NEVER)),
    Address: opt(nstr('address', 'Address.')),
    PostCode: opt(nstr('postcode', 'Post code.')),
    CityName: opt(nstr('city', 'City.')),
    State: opt(nstr('state', 'State.')),
    MobilePhone: opt(nstr('phone', 'Mobile phone.')),
    LandLine: opt(nstr('phone', 'Land line.')),
    DateOfBirth: opt(ndt('Date of birth.', { 'x-gen': 'birthDate' })),
    NickName: opt(nstr('word', 'Nick name.')),
    BusinessArea: opt(nstr('word', 'Business area.')),
    Position: opt(nstr('title', 'Position.')),
    CompanyName: opt(nstr('companyName', 'Company name.')),
    ProfileWebsite: opt(nstr('url', 'Profile website.')),
    ProfileTags: opt(nstr('tags', 'Profile tags.')),
    ProfileSummary: opt(nstr('text', 'Profile summary.')),
    ...coworkerStrings(['Twitter', 'Facebook', 'Google', 'Telegram', 'Linkedin', 'Skype', 'Github', 'Pinterest', 'Flickr',
      'Instagram', 'Vimeo', 'Tumblr', 'Blogger'], 'handle'),
    ProfileIsPublic: opt(bool('Profile is public.')),
    InvoicingBusinessId: opt(nfk('InvoicingBusiness', 'businessId', 'Home location for invoicing.', { 'x-server-default': true, 'x-note': SERVER_BUSINESS })),
    BillingEmail: opt(nstr('email', 'Billing e-mail.')),
    BillingName: opt(nstr('personName', 'Billing name.')),
    BillingAddress: opt(nstr('address', 'Billing address.')),
    BillingPostCode: opt(nstr('postcode', 'Billing post code.')),
    BillingCityName: opt(nstr('city', 'Billing city.')),
    BillingState: opt(nstr('state', 'Billing state.')),
    BillingCountryId: opt(nfk('BillingCountry', 'countryId', 'Billing country Id.')),
    BillingSimpleTimeZoneId: opt(nfk('BillingSimpleTimeZone', 'simpleTimeZoneId', 'Billing Simple Time Zone Id.')),
    TaxRate: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Tax rate.', minimum: 0, maximum: 100 })),
    TaxIDNumber: opt(nstr('code', 'Tax Id number.')),
    ...coworkerStrings(['BankName', 'BankAccount', 'BankBranch'], 'code', NEVER),
    ...coworkerBools(['NotifyOnNewInvoice', 'NotifyOnNewPayment', 'NotifyOnFailedPayment', 'ShowPayingMemberInvoices']),
    EnableGoCardlessPayments: opt(bool('Enable GoCardless payments.', NEVER)),
    UseGoCardlessProPayments: opt(bool('Use Go Cardless Pro Payments.', INFERRED)),
    ...coworkerStrings(['GoCardlessContractNumber', 'StripeBacsDDPaymentMethodId', 'StripeBacsDDMandateId',
      'StripeBacsDDCustomerToken'], 'code', NEVER),
    StripeBacsDDEnabled: opt(bool('Stripe Bacs DD enabled.', NEVER)),
    LastOverDueInvoiceReminder: opt(ndt('Last Over Due Invoice Reminder.', INFERRED)),
    LastLowCreditReminder: opt(ndt('Last Low Credit Reminder.', INFERRED)),
    RefererGuid: opt(nstr('guid', 'Referer GUID.', INFERRED)),
    RegularPaymentProvider: opt(nenm(PAYMENT_PROVIDER, 'Regular payment provider. See eRegularPaymentProvider?.', NEVER)),
    RegularPaymentContractNumber: opt(nstr('code', 'Regular payment contract number.', NEVER)),
    DoNotProcessInvoicesAutomatically: opt(bool('Do not process invoices automatically.')),
    AllowNetworkCheckin: opt(bool('Allow network check-in.')),
    ...coworkerStrings(['AccessCardId', 'AccessPincode', 'KeyFobNumber'], 'code', NEVER),
    NotifyOnDelivery: opt(bool('Notify on delivery.')),
    EzeepUserId: opt(nstr('code', 'Ezeep user Id.', NEVER)),
    ...coworkerBools(['EzeepFreePrinting', 'EzeepBlueFreePrinting', 'EzeepBluePrintingEnabled', 'PaperCutPayAsYouPrint',
      'PaperCutFreePrinting'], NEVER),
    EzeepBlueUserId: opt(nstr('code', 'Ezeep Blue user Id.', NEVER)),
    PaperCutUserId: opt(nstr('code', 'PaperCut user Id.', NEVER)),
    ...coworkerBools(['CanMakeBookings', 'CanBookForTeam', 'CanPurchaseProducts', 'CanPurchaseEvents', 'CanAccessCommunity']),
    ReferenceNumber: opt(nstr('code', 'Reference number.')),
    Tag: opt(nstr('word', 'Tag.')),
    Notes: opt(nstr('text', 'Notes.')),
    ShowAlert: opt(bool('Show alert.')),
    AlertNote: opt(nstr('text', 'Alert note.')),
    UserId: opt(nfk('User', undefined, 'Linked user (update-only; nexudus-api.md §2.4).', NEVER)),
    Active: opt(bool('Active.')),
    NextAutoInvoice: opt(ndt('Next automatic invoice.', NEVER)),
    InvoiceDueDatePeriod: opt(Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Invoice due date period.', 'x-send': 'never' })),
    RegistrationDate: opt(ndt('Registration date.')),
    GeneralTermsAccepted: opt(bool('General terms accepted.')),
    ...coworkerDates(['LastRenewal', 'LastInvoiceAttempt'], INFERRED),
    ...coworkerStrings(Array.from({ length: 30 }, (_, i) => `Custom${i + 1}`), 'word'),
    ...coworkerDates(['NextInvoiceLocal', 'NextAutoInvoiceLocal', 'RegistrationDateLocal'], { ...INFERRED, 'x-local-time': true }),
    AccessControlDebounceTime: opt(ndt('Access Control Debounce Time.', INFERRED)),
    ...coworkerStrings(['Office365AccessToken', 'Office365RefreshToken', 'ZoomAccessToken', 'ZoomRefreshToken', 'ZoomUserId',
      'DoordeckPrivateKey', 'DoordeckPublicKey', 'DoordeckUserGuid', 'Office365SubscriptionId', 'SaltoV2AccessToken',
      'GoogleApiToken', 'GoogleSubscriptionId'], 'code', INFERRED),
    ...coworkerStrings(['StripeACHBankToken', 'StripeACHCustomerToken'], 'code', NEVER),
    ...coworkerBools(['HasAcceptedStripeACHAgreement', 'HasVerifiedStripeACHDeposits'], NEVER),
    PurchaseOrder: opt(nstr('code', 'Purchase order.')),
    SyncToSquare: opt(bool('Sync to Square.', NEVER)),
    NotifyOnDeliveriesEmail: opt(nstr('email', 'Notify on deliveries e-mail.')),
    AccessControlErrorNotificationSent: opt(bool('Access Control Error Notification Sent.', INFERRED)),
    SyncToPaperCutDue: opt(bool('Sync to PaperCut due.', NEVER)),
    ...coworkerBools(['InvoiceSegregationOverride', 'InvoiceSegregateContracts', 'InvoiceSegregateBookings',
      'InvoiceSegregateProducts', 'InvoiceSegregateTimePasses', 'InvoiceSegregateTickets', 'InvoiceSegregateCharges']),
    IsDefaultProfile: opt(bool('Is default profile.', NEVER)),
    BrivoUserId: opt(Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Brivo user Id.', ...INFERRED })),
    EzeepPrintingEnabled: opt(bool('Ezeep printing enabled.', NEVER)),
    InvoiceDueDateDay: opt(Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Invoice due date day.', 'x-send': 'never' })),
    Longitude: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Longitude.', minimum: -180, maximum: 180 })),
    Latitude: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Latitude.', minimum: -90, maximum: 90 })),
    BillingLongitude: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Billing longitude.', minimum: -180, maximum: 180 })),
    BillingLatitude: opt(Type.Unsafe<number | null>({ type: ['number', 'null'], description: 'Billing latitude.', minimum: -90, maximum: 90 })),
    Archived: opt(bool('Archived.')),
  },
  readOnly: {
    AvatarFileName: nstr('word', 'Avatar file.'),
    BannerImageFileName: nstr('word', 'Banner image file.'),
    InvoicingBusinessName: nstr('companyName', 'Denormalized.'),
    BusinessNames: nstr('text', 'Denormalized.'),
    TeamNames: nstr('text', 'Denormalized.'),
    IsAdmin: Type.Unsafe<boolean | null>({ type: ['boolean', 'null'], description: 'Denormalized from the user.' }),
    IsTeamAdministrator: Type.Unsafe<boolean | null>({ type: ['boolean', 'null'], description: 'Denormalized.' }),
    HasDueInvoices: Type.Unsafe<boolean | null>({ type: ['boolean', 'null'], description: 'Server-computed.' }),
    GuessedFirstName: nstr('personName', 'Server-computed.'),
    GuessedLastName: nstr('personName', 'Server-computed.'),
    CheckinSinceLastRenewal: Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Counter.' }),
    MinutesSinceLastRenewal: Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Counter.' }),
    TotalActiveContracts: Type.Unsafe<number | null>({ type: ['integer', 'null'], description: 'Counter.' }),
  },
  // nexudus-api.md §2.4: the get-by-id skeleton is truncated; these keys come from a live export only.
  readOnlyOptional: true,
  putRequiredExtra: [],
  deleteVia: { kind: 'runcommand', key: 'COWORKER_DELETE' },
  markerFields: ['Notes', 'FullName'],
  needs: ['countryId', 'simpleTimeZoneId', 'businessId'],
  deleteOrder: 3,
});

/** Fields every record carries (nexudus-api.md §1 "Base fields on every record"), then the ones often seen beside them. */
export const BASE_RECORD_FIELDS = ['Id', 'UniqueId', 'CreatedOn', 'UpdatedOn', 'UpdatedBy', 'IsNew', 'SystemId'] as const;
export const BASE_FIELDS: readonly string[] = [...BASE_RECORD_FIELDS, 'ToStringText', 'LocalizationDetails', 'CustomFields'];

/** The entities declared here by hand: their pages are compared with these declarations (a self-test), not read into them. */
export const DECLARED_ENTITIES: readonly EntityDecl[] = [CoworkerInventoryAsset, CoworkerTask, Coworker, Workspace];

const fromPages = pageEntities(new Set(DECLARED_ENTITIES.map((e) => e.name)));

/** Every entity of the catalogue: the declared ones, then every entity read from a shipped page. */
export const ENTITIES: readonly EntityDecl[] = [...DECLARED_ENTITIES, ...fromPages.entities];

/** Shipped pages the catalogue could not read into an entity, each with why. */
export const PAGES_LEFT_OUT = fromPages.leftOut;

/** Every shipped page as read (the declared entities' pages included), for the contract document. */
export const PAGE_DECLARATIONS = fromPages.declarations;

/** Request body types, straight from the declarations (types come from the schemas). */
export type PostBody<E extends EntityDecl<TProperties, TProperties>> = Static<TObject<E['fields']>>;
export type PutBody<E extends EntityDecl<TProperties, TProperties>> = PostBody<E> & { Id: number };
export type CoworkerInventoryAssetPost = PostBody<typeof CoworkerInventoryAsset>;
export type CoworkerInventoryAssetPut = PutBody<typeof CoworkerInventoryAsset>;
export type CoworkerTaskPut = PutBody<typeof CoworkerTask>;
export type CoworkerPut = PutBody<typeof Coworker>;
export type WorkspacePut = PutBody<typeof Workspace>;

export function entityByName(name: string): EntityDecl {
  const e = ENTITIES.find((x) => x.name === name);
  if (!e) throw new Error(`unknown entity ${name}`);
  return e;
}

/** Names of the fields POST requires (non-Optional in the declaration). */
export function requiredFields(e: EntityDecl): string[] {
  return Object.entries(e.fields)
    .filter(([, s]) => !isOptional(s))
    .map(([n]) => n);
}

export { isOptional };

export const resourcePath = (e: EntityDecl): string => `/api/${e.module}/${e.collection}`;

/** Names a tenant may use as `Errors[].PropertyName` for a field: the field, or its navigation name (nexudus-api.md §6). */
export function acceptedNames(e: EntityDecl, field: string): string[] {
  const s = e.fields[field];
  const nav = s ? meta(s)['x-nav'] : undefined;
  return nav && nav !== field ? [field, nav] : [field];
}
