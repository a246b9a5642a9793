import { describe, expect, it } from 'vitest';
import {
  AREA_IDS,
  AREAS,
  cellPrompt,
  DEPARTMENTS,
  departmentColor,
  getArea,
  getLayer,
  isAreaId,
  isLayerId,
  isNoteColor,
  LAYER_IDS,
  LAYERS,
  NOTE_COLORS,
  noteFill,
  type AreaId,
  type LayerId,
} from './framework';

describe('the framework', () => {
  it('has the five layers of design.md, top to bottom', () => {
    expect(LAYER_IDS).toEqual(['devices', 'embedded', 'communications', 'cloud', 'applications']);
    expect(LAYERS.map((l) => l.id)).toEqual(LAYER_IDS);
    expect(LAYERS.map((l) => l.name)).toEqual([
      'Devices / Hardware',
      'Embedded software',
      'Communications',
      'Cloud platform',
      'Applications',
    ]);
  });

  it('has the six decision areas of design.md, in order', () => {
    expect(AREA_IDS).toEqual(['business', 'technology', 'ux', 'data', 'security', 'standards']);
    expect(AREAS.map((a) => a.id)).toEqual(AREA_IDS);
    expect(getArea('standards').name).toBe('Standards & Regulations');
    expect(getLayer('cloud').name).toBe('Cloud platform');
  });

  it('gives each of the 30 cells its own question', () => {
    const prompts = LAYER_IDS.flatMap((layer) => AREA_IDS.map((area) => cellPrompt(layer, area)));
    expect(prompts).toHaveLength(30);
    for (const prompt of prompts) expect(prompt.trim().length).toBeGreaterThan(10);
    expect(new Set(prompts).size).toBe(30);
  });

  it('recognises only its own layer and area ids', () => {
    expect(isLayerId('devices')).toBe(true);
    expect(isLayerId('business')).toBe(false);
    expect(isLayerId('toString')).toBe(false);
    expect(isAreaId('ux')).toBe(true);
    expect(isAreaId('cloud')).toBe(false);
    expect(isAreaId(undefined)).toBe(false);
    expect(() => getLayer('roof' as LayerId)).toThrow(/unknown layer/);
    expect(() => getArea('roof' as AreaId)).toThrow(/unknown area/);
  });
});

describe('note colours', () => {
  it('gives every known department one of the note colours', () => {
    for (const d of DEPARTMENTS) expect(isNoteColor(departmentColor(d.id))).toBe(true);
    expect(departmentColor('hardware')).toBe('orange');
    expect(departmentColor('cloud')).toBe('blue');
  });

  it('falls back to yellow for a department a person named themselves', () => {
    expect(departmentColor('marketing')).toBe('yellow');
    expect(departmentColor('')).toBe('yellow');
    // Names that are also members of Object.prototype once leaked a function through.
    expect(departmentColor('constructor')).toBe('yellow');
    expect(departmentColor('__proto__')).toBe('yellow');
  });

  it('knows the fill of every colour and falls back to the default fill', () => {
    for (const c of NOTE_COLORS) expect(noteFill(c.id)).toBe(c.fill);
    expect(new Set(NOTE_COLORS.map((c) => c.fill)).size).toBe(NOTE_COLORS.length);
    expect(noteFill('mauve')).toBe(NOTE_COLORS[0].fill);
  });

  it('accepts only colour ids', () => {
    expect(isNoteColor('pink')).toBe(true);
    expect(isNoteColor('#ffc9de')).toBe(false);
    expect(isNoteColor('Pink')).toBe(false);
    expect(isNoteColor(null)).toBe(false);
  });
});
