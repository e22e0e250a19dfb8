// Field tables of the four entities, transcribed from nexudus-api.md §2 and the seed pages.

export type EntityKey = 'coworkerinventoryasset' | 'coworkertask' | 'coworker' | 'workspace';
export type FieldType = 'int' | 'number' | 'string' | 'bool' | 'date' | 'intlist' | 'enum';
export type FkTarget = 'coworker' | 'business' | 'inventoryasset' | 'user' | 'positive';

export interface EnumDef {
  name: string;
  values: Record<string, number>; // name → value
}

export interface FieldSpec {
  name: string;
  type: FieldType;
  /** FK: navigation name used in error PropertyNames and filters, and what the id must name */
  fk?: { nav: string; target: FkTarget };
  /** element FK of an intlist */
  listFk?: FkTarget;
  enumDef?: EnumDef;
  /** required on POST / PUT per the docs text */
  reqPost?: boolean;
  reqPut?: boolean;
  /** additionally required on POST by the OpenAPI playground / CLI (§2.4, §8 #2) */
  req14?: boolean;
  /** accepted only on POST (create-time) or only on PUT (update-only, §2.4 UserId) */
  only?: 'post' | 'put';
  /** Name/FullName/Email: subject to maxNameLength */
  isName?: boolean;
  isEmail?: boolean;
  /** write-only modifier list (AddedMembers…) */
  modifier?: boolean;
  /** writability governed by the engagementWritable knob */
  engagement?: boolean;
}

export interface ModifierGroup {
  list: string;
  added: string;
  removed: string;
  elementFk?: FkTarget;
}

export interface EntityDef {
  key: EntityKey;
  name: string; // PascalCase entity name
  module: string;
  plural: string;
  fields: FieldSpec[];
  modifiers: ModifierGroup[];
  /** plain DELETE /{id} supported (Coworker: no, §3.1) */
  plainDelete: boolean;
  /** commands listed by GET …/commands */
  commands: string[];
}

const E_RECORD_TYPE: EnumDef = { name: 'eCoworkerRecordType', values: { Individual: 1, Company: 2 } };
const E_GENDER: EnumDef = {
  name: 'eGender',
  values: { None: 0, NotSet: 1, Male: 2, Female: 3, Other: 4, RatherNotSay: 5 },
};
const E_TAX: EnumDef = { name: 'eCoworkerTaxRateType', values: { Default: 1, Reduced: 2, Exempt: 3 } };
const E_ATTEND: EnumDef = {
  name: 'eCoworkerAttendance',
  values: { WorkingFromOffice: 1, WorkingFromHome: 2, WorkingFromAbroad: 3, NotWorking: 4, Undefined: 5 },
};
const E_PAYMENT: EnumDef = {
  name: 'eRegularPaymentProvider',
  values: {
    None: 0, MultiGateway: 1, Stripe: 2, Forte: 3, AuthorizeNetSubscription: 4, PaypalStandardSubscription: 5,
    PayPalAdaptive: 6, EPay: 7, Braintree: 8, EziDebit: 9, LiqPay: 10, StripeACH: 11, GoCardless: 12, StripeBACS: 13,
    CreditNote: 94, GiftCard: 95, BankTransfer: 96, Cash: 97, Check: 98, Other: 99,
  },
};
export const ENUMS: EnumDef[] = [E_RECORD_TYPE, E_GENDER, E_TAX, E_ATTEND, E_PAYMENT];

export const ATTENDANCE_FIELDS = [
  'MondayAttendance', 'TuesdayAttendance', 'WednesdayAttendance', 'ThursdayAttendance',
  'FridayAttendance', 'SaturdayAttendance', 'SundayAttendance',
];

const s = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'string', ...extra });
const b = (name: string): FieldSpec => ({ name, type: 'bool' });
const d = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'date', ...extra });
const i = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'int', ...extra });
const n = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'number', ...extra });
const l = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'intlist', ...extra });
const e = (name: string, enumDef: EnumDef, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, type: 'enum', enumDef, ...extra });
const fk = (name: string, nav: string, target: FkTarget, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name, type: 'int', fk: { nav, target }, ...extra,
});

// §2.1
const COWORKER_INVENTORY_ASSET: EntityDef = {
  key: 'coworkerinventoryasset',
  name: 'CoworkerInventoryAsset',
  module: 'spaces',
  plural: 'coworkerinventoryassets',
  fields: [
    fk('CoworkerId', 'Coworker', 'coworker', { reqPost: true, reqPut: true }),
    fk('BusinessId', 'Business', 'business', { reqPost: true, reqPut: true }),
    fk('InventoryAssetId', 'InventoryAsset', 'inventoryasset', { reqPost: true, reqPut: true }),
    d('AssignedFrom', { reqPost: true, reqPut: true }),
    d('AssignedTo'),
    s('Notes'),
  ],
  modifiers: [],
  plainDelete: true,
  commands: [],
};

// §2.2
const COWORKER_TASK: EntityDef = {
  key: 'coworkertask',
  name: 'CoworkerTask',
  module: 'crm',
  plural: 'coworkertasks',
  fields: [
    fk('BusinessId', 'Business', 'business', { reqPost: true, reqPut: true }),
    fk('CoworkerId', 'Coworker', 'coworker', { reqPost: true, reqPut: true }),
    s('Name', { reqPost: true, reqPut: true, isName: true }),
    fk('ResponsibleId', 'Responsible', 'user', { reqPost: true, reqPut: true }),
    s('Notes'),
    s('TaskItemUniqueId'),
    b('Completed'),
    d('DueDate'),
    b('Reminded'),
    b('NotifyByEmail'),
    b('DisplayToEveryone'),
    d('DueDateLocal'),
  ],
  modifiers: [],
  plainDelete: true,
  commands: [],
};

// §2.3
const WORKSPACE: EntityDef = {
  key: 'workspace',
  name: 'Workspace',
  module: 'collaboration',
  plural: 'workspaces',
  fields: [
    fk('BusinessId', 'Business', 'business', { reqPost: true, reqPut: true }),
    fk('AdministratorId', 'Administrator', 'coworker', { reqPost: true, reqPut: true }),
    s('Name', { reqPost: true, reqPut: true, isName: true }),
    b('VisibleInMySpaces'),
    b('VisibleByEveryone'),
    b('Archived'),
    s('Description'),
    l('Members', { listFk: 'coworker' }),
    l('AddedMembers', { listFk: 'coworker', modifier: true }),
    l('RemovedMembers', { listFk: 'coworker', modifier: true }),
  ],
  modifiers: [{ list: 'Members', added: 'AddedMembers', removed: 'RemovedMembers', elementFk: 'coworker' }],
  plainDelete: true,
  commands: [],
};

// §2.4 (writable rows, in table order)
const COWORKER_FIELDS: FieldSpec[] = [
  e('CoworkerType', E_RECORD_TYPE, { req14: true }),
  l('Businesses', { listFk: 'business' }),
  l('AddedBusinesses', { listFk: 'business', modifier: true }),
  l('RemovedBusinesses', { listFk: 'business', modifier: true }),
  l('Teams'),
  l('AddedTeams', { modifier: true }),
  l('RemovedTeams', { modifier: true }),
  s('FullName', { reqPost: true, reqPut: true, isName: true }),
  s('Salutation'),
  e('Gender', E_GENDER, { req14: true }),
  s('Email', { reqPost: true, reqPut: true, isName: true, isEmail: true }),
  b('CreateUser'),
  s('NewAvatarUrl'), b('ClearAvatarFile'), s('NewBannerImageUrl'), b('ClearBannerImageFile'),
  s('Address'), s('PostCode'), s('CityName'), s('State'),
  fk('CountryId', 'Country', 'positive', { reqPost: true, reqPut: true }),
  fk('SimpleTimeZoneId', 'SimpleTimeZone', 'positive', { reqPost: true, reqPut: true }),
  s('MobilePhone'), s('LandLine'), d('DateOfBirth'), s('NickName'), s('BusinessArea'), s('Position'),
  s('CompanyName'), s('ProfileWebsite'), s('ProfileTags'), s('ProfileSummary'),
  s('Twitter'), s('Facebook'), s('Google'), s('Telegram'), s('Linkedin'), s('Skype'), s('Github'),
  s('Pinterest'), s('Flickr'), s('Instagram'), s('Vimeo'), s('Tumblr'), s('Blogger'),
  b('ProfileIsPublic'),
  fk('InvoicingBusinessId', 'InvoicingBusiness', 'business'),
  s('BillingEmail'), s('BillingName'), s('BillingAddress'), s('BillingPostCode'), s('BillingCityName'), s('BillingState'),
  fk('BillingCountryId', 'BillingCountry', 'positive'),
  fk('BillingSimpleTimeZoneId', 'BillingSimpleTimeZone', 'positive'),
  e('TaxRateType', E_TAX, { req14: true }),
  n('TaxRate'), s('TaxIDNumber'), s('BankName'), s('BankAccount'), s('BankBranch'),
  b('NotifyOnNewInvoice'), b('NotifyOnNewPayment'), b('NotifyOnFailedPayment'), b('ShowPayingMemberInvoices'),
  b('EnableGoCardlessPayments'), b('UseGoCardlessProPayments'), s('GoCardlessContractNumber'),
  s('StripeBacsDDPaymentMethodId'), s('StripeBacsDDMandateId'), s('StripeBacsDDCustomerToken'), b('StripeBacsDDEnabled'),
  d('LastOverDueInvoiceReminder'), d('LastLowCreditReminder'), s('RefererGuid'),
  e('RegularPaymentProvider', E_PAYMENT),
  s('RegularPaymentContractNumber'), b('DoNotProcessInvoicesAutomatically'), b('AllowNetworkCheckin'),
  s('AccessCardId'), s('AccessPincode'), s('KeyFobNumber'), b('NotifyOnDelivery'),
  s('EzeepUserId'), b('EzeepFreePrinting'), s('EzeepBlueUserId'), b('EzeepBlueFreePrinting'), b('EzeepBluePrintingEnabled'),
  b('PaperCutPayAsYouPrint'), b('PaperCutFreePrinting'), s('PaperCutUserId'),
  b('CanMakeBookings'), b('CanBookForTeam'), b('CanPurchaseProducts'), b('CanPurchaseEvents'), b('CanAccessCommunity'),
  s('ReferenceNumber'), s('Tag'), s('Notes'), b('ShowAlert'), s('AlertNote'),
  fk('UserId', 'User', 'user', { only: 'put' }),
  b('Active'),
  d('NextAutoInvoice'), i('InvoiceDueDatePeriod'), d('RegistrationDate'), b('GeneralTermsAccepted'),
  d('LastRenewal'), d('LastInvoiceAttempt'),
  ...Array.from({ length: 30 }, (_, k) => s(`Custom${k + 1}`)),
  d('NextInvoiceLocal'), d('NextAutoInvoiceLocal'), d('RegistrationDateLocal'), d('AccessControlDebounceTime'),
  s('Office365AccessToken'), s('Office365RefreshToken'), s('ZoomAccessToken'), s('ZoomRefreshToken'), s('ZoomUserId'),
  s('DoordeckPrivateKey'), s('DoordeckPublicKey'), s('DoordeckUserGuid'), s('Office365SubscriptionId'), s('SaltoV2AccessToken'),
  s('StripeACHBankToken'), s('StripeACHCustomerToken'), b('HasAcceptedStripeACHAgreement'), b('HasVerifiedStripeACHDeposits'),
  s('PurchaseOrder'), b('SyncToSquare'), s('NotifyOnDeliveriesEmail'), b('AccessControlErrorNotificationSent'),
  b('SyncToPaperCutDue'), s('GoogleApiToken'), s('GoogleSubscriptionId'),
  b('InvoiceSegregationOverride'), b('InvoiceSegregateContracts'), b('InvoiceSegregateBookings'),
  b('InvoiceSegregateProducts'), b('InvoiceSegregateTimePasses'), b('InvoiceSegregateTickets'),
  b('IsDefaultProfile'), b('InvoiceSegregateCharges'),
  i('BrivoUserId'), b('EzeepPrintingEnabled'), i('InvoiceDueDateDay'),
  ...ATTENDANCE_FIELDS.map((f) => e(f, E_ATTEND, { req14: true })),
  n('Longitude'), n('Latitude'), n('BillingLongitude'), n('BillingLatitude'),
  b('Archived'),
  // §9: writable per S7 rule 24, read-only per newest S7 (knob engagementWritable)
  n('ChurnProbability', { engagement: true }),
  s('EngagementLevel', { engagement: true }),
];

const COWORKER: EntityDef = {
  key: 'coworker',
  name: 'Coworker',
  module: 'spaces',
  plural: 'coworkers',
  fields: COWORKER_FIELDS,
  modifiers: [
    { list: 'Businesses', added: 'AddedBusinesses', removed: 'RemovedBusinesses', elementFk: 'business' },
    { list: 'Teams', added: 'AddedTeams', removed: 'RemovedTeams' },
  ],
  plainDelete: false,
  commands: ['COWORKER_DELETE'],
};

export const ENTITIES: EntityDef[] = [COWORKER_INVENTORY_ASSET, COWORKER_TASK, COWORKER, WORKSPACE];

export function entityByPath(module: string, plural: string): EntityDef | undefined {
  const m = module.toLowerCase(), p = plural.toLowerCase();
  return ENTITIES.find((x) => x.module === m && x.plural === p);
}
