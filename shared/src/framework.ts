/** The IoT Decision Framework: five layers of an IoT product, six decision areas in each. */

export const LAYER_IDS = ['devices', 'embedded', 'communications', 'cloud', 'applications'] as const;
export const AREA_IDS = ['business', 'technology', 'ux', 'data', 'security', 'standards'] as const;

export type LayerId = (typeof LAYER_IDS)[number];
export type AreaId = (typeof AREA_IDS)[number];

export interface Layer {
  id: LayerId;
  name: string;
  /** Accent colour of the layer's canvas (headings, frame). */
  color: string;
  /** A light tint of the accent for the canvas background. */
  tint: string;
}

export interface Area {
  id: AreaId;
  name: string;
}

export const LAYERS: readonly Layer[] = [
  { id: 'devices', name: 'Devices / Hardware', color: '#b4532a', tint: '#fbf1ec' },
  { id: 'embedded', name: 'Embedded software', color: '#8a5a00', tint: '#fbf5e6' },
  { id: 'communications', name: 'Communications', color: '#2f7d4f', tint: '#edf7f0' },
  { id: 'cloud', name: 'Cloud platform', color: '#2a63b4', tint: '#edf3fb' },
  { id: 'applications', name: 'Applications', color: '#7a3fb0', tint: '#f5eefb' },
];

export const AREAS: readonly Area[] = [
  { id: 'business', name: 'Business' },
  { id: 'technology', name: 'Technology' },
  { id: 'ux', name: 'UX' },
  { id: 'data', name: 'Data' },
  { id: 'security', name: 'Security' },
  { id: 'standards', name: 'Standards & Regulations' },
];

/** What a team has to settle in each cell, in a sentence: shown in empty zones to start the talk. */
const PROMPTS: Record<LayerId, Record<AreaId, string>> = {
  devices: {
    business: 'What may one device cost to build, ship and install, and who pays for it?',
    technology: 'Which sensors, actuators, processor and power source does the device need?',
    ux: 'How is the device unboxed, installed, powered and fixed in the field?',
    data: 'What does the device measure, how often, and how precisely?',
    security: 'How is the device protected against theft, tampering and cloned hardware?',
    standards: 'Which certifications (radio, electrical safety, environment) must the hardware pass?',
  },
  embedded: {
    business: 'Which features live in firmware, and how is their upkeep funded over the product life?',
    technology: 'Which OS or RTOS, update mechanism and power management does the firmware use?',
    ux: 'How does the device show its state and take input: LEDs, buttons, pairing?',
    data: 'What is processed, filtered or stored on the device before it is sent?',
    security: 'How are boot, firmware updates and keys on the device secured?',
    standards: 'Which software standards and cyber-security rules apply to the firmware?',
  },
  communications: {
    business: 'What does connectivity cost per device per year, and who holds the contracts?',
    technology: 'Which radio or network (Wi-Fi, BLE, LoRaWAN, cellular) and which protocol?',
    ux: 'How does a user connect a device, and what happens when coverage drops?',
    data: 'How much data moves, how often, and how late may it arrive?',
    security: 'How are links encrypted and devices authenticated on the network?',
    standards: 'Which spectrum rules, operator certifications and protocol standards apply?',
  },
  cloud: {
    business: 'Which platform, what hosting cost per device, and how the cost scales?',
    technology: 'Which services ingest, store and process device data, and how do they scale?',
    ux: 'How do operators provision, monitor and update the fleet?',
    data: 'Where is data stored, for how long, and what analytics run on it?',
    security: 'Who may access which data, and how are identities, secrets and audits handled?',
    standards: 'Which data-protection, residency and industry rules govern the cloud?',
  },
  applications: {
    business: 'Who uses the apps, what value do they get, and how is it charged?',
    technology: 'Which apps (mobile, web, integrations) and which APIs do they rely on?',
    ux: 'What are the main tasks of each user, and how do alerts reach them?',
    data: 'Which insights, reports and exports do users need from the data?',
    security: 'How do users sign in, and what may each role see and do?',
    standards: 'Which accessibility, consumer-protection and privacy rules apply to the apps?',
  },
};

/** The guiding prompt of a cell: the question a team must answer there. */
export function cellPrompt(layer: LayerId, area: AreaId): string {
  return PROMPTS[layer][area];
}

const layerById = new Map(LAYERS.map((l) => [l.id, l]));
const areaById = new Map(AREAS.map((a) => [a.id, a]));

/** The layer with this id; throws for an unknown id. */
export function getLayer(id: LayerId): Layer {
  const layer = layerById.get(id);
  if (!layer) throw new Error(`unknown layer: ${String(id)}`);
  return layer;
}

/** The area with this id; throws for an unknown id. */
export function getArea(id: AreaId): Area {
  const area = areaById.get(id);
  if (!area) throw new Error(`unknown area: ${String(id)}`);
  return area;
}

/** Whether a value is one of the five layer ids. */
export function isLayerId(value: unknown): value is LayerId {
  return typeof value === 'string' && layerById.has(value as LayerId);
}

/** Whether a value is one of the six area ids. */
export function isAreaId(value: unknown): value is AreaId {
  return typeof value === 'string' && areaById.has(value as AreaId);
}

export const NOTE_KINDS = ['idea', 'question', 'decision', 'risk'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const HORIZONS = ['now', 'next', 'later'] as const;
export type Horizon = (typeof HORIZONS)[number];

/** Departments that take part in a workshop; a person may also name their own. */
export const DEPARTMENTS = [
  { id: 'hardware', name: 'Hardware' },
  { id: 'firmware', name: 'Firmware' },
  { id: 'connectivity', name: 'Connectivity' },
  { id: 'cloud', name: 'Cloud' },
  { id: 'apps', name: 'Apps' },
  { id: 'security', name: 'Security' },
  { id: 'legal', name: 'Legal & compliance' },
  { id: 'business', name: 'Business' },
] as const;

const departmentNames = new Map<string, string>(DEPARTMENTS.map((d) => [d.id, d.name]));

/** A department's name for people to read: the listed name of a listed id, else as the person typed it. */
export function departmentName(department: string): string {
  return departmentNames.get(department) ?? department;
}

/** Sticky-note colours; the first is the default. */
export const NOTE_COLORS = [
  { id: 'yellow', fill: '#fff3a3' },
  { id: 'orange', fill: '#ffd5a8' },
  { id: 'pink', fill: '#ffc9de' },
  { id: 'green', fill: '#c9f0c2' },
  { id: 'blue', fill: '#c6e2ff' },
  { id: 'violet', fill: '#e0d1ff' },
] as const;

export type NoteColor = (typeof NOTE_COLORS)[number]['id'];

const DEPARTMENT_COLORS: Record<string, NoteColor> = {
  hardware: 'orange',
  firmware: 'yellow',
  connectivity: 'green',
  cloud: 'blue',
  apps: 'violet',
  security: 'pink',
  legal: 'pink',
  business: 'yellow',
};

/** The default note colour of a department, so a glance shows who wrote what. */
export function departmentColor(department: string): NoteColor {
  // Own keys only: a department named "constructor" must not pick up Object.prototype's members.
  return Object.hasOwn(DEPARTMENT_COLORS, department) ? DEPARTMENT_COLORS[department]! : 'yellow';
}

/** Whether a value is one of the note colour ids. */
export function isNoteColor(value: unknown): value is NoteColor {
  return NOTE_COLORS.some((c) => c.id === value);
}

/** The fill of a note colour id, falling back to the default for anything unknown. */
export function noteFill(color: string): string {
  return (NOTE_COLORS.find((c) => c.id === color) ?? NOTE_COLORS[0]).fill;
}
