import { SETTINGS_DEFAULTS, type EDIT_ROTATIONS, type ImageQuality, type EditCrop, type EditResultView, type EditSourceView, type ImageAspectRatio, type ImageResolution } from '@contract';

export type Rotation = (typeof EDIT_ROTATIONS)[number];

/** One source card: the prepared source plus what the user did to it on the canvas. */
export interface CanvasSource {
  /** Stable per card (a source added twice gets two keys). */
  key: string;
  source: EditSourceView;
  rotate: Rotation;
  crop: EditCrop | null;
}

/** The undoable part of the canvas: which sources, in which order (= `<IMAGE_n>` order), and the selection. */
export interface CanvasDoc {
  sources: CanvasSource[];
  selectedKey: string | null;
}

/** One submitted edit; "Edit again" and going back to a step make a tree of them. */
export interface EditStep {
  id: number;
  parentId: number | null;
  sources: CanvasSource[];
  prompt: string;
  results: EditResultView[];
  blocked: number;
  /** Another provider's edit (issue 18 §4): its operation and the mask it was sent with (a PNG data URL), if any. */
  operation?: 'inpaint' | 'erase' | 'search-replace';
  mask?: string;
}

export interface EditParams {
  /** Who edits: xAI (by instruction) or Stability AI (with a mask). */
  provider: 'xai' | 'stability';
  model: string;
  n: number;
  resolution: ImageResolution;
  /** "Quality" on models that take it (2.0: Auto serves medium for edits); ignored by main for others. */
  quality: ImageQuality;
  /** Used only when more than one source is on the canvas. */
  aspectRatio: ImageAspectRatio;
}

/** A card being dragged: where it started and the slot it would land in. */
export interface DragFeedback {
  key: string;
  targetIndex: number;
  dx: number;
}

/** A file that could not become a source, and why. */
export interface Refusal {
  id: number;
  name: string;
  reason: string;
}

/** What Stability AI does with the stage's first source (see image-ops/MaskEditPanel). */
export type StageOperation = 'inpaint' | 'erase' | 'search-replace';

export interface CanvasState {
  doc: CanvasDoc;
  undoStack: CanvasDoc[];
  redoStack: CanvasDoc[];
  prompt: string;
  params: EditParams;
  /** The user changed one of the options (model, images, resolution, quality, ratio): Settings no longer set them. */
  paramsTouched: boolean;
  steps: EditStep[];
  currentStepId: number | null;
  /** Sources still being prepared in main. */
  pending: number;
  submitting: boolean;
  refusals: Refusal[];
  error: string | null;
  drag: DragFeedback | null;
  /** The card whose thumbnail is in crop mode, and the rectangle being drawn on it. */
  cropKey: string | null;
  cropDraft: EditCrop | null;
  /** The operation chosen on the mask panel; set by the "Erase…" hand-off, so not kept between sessions. */
  stageOperation: StageOperation;
}

export const initialParams: EditParams = {
  provider: 'xai',
  model: SETTINGS_DEFAULTS.imageModel, n: 1, resolution: SETTINGS_DEFAULTS.imageResolution, quality: SETTINGS_DEFAULTS.imageQuality, aspectRatio: 'auto',
};

export function initialCanvasState(): CanvasState {
  return {
    doc: { sources: [], selectedKey: null },
    undoStack: [],
    redoStack: [],
    prompt: '',
    params: { ...initialParams },
    paramsTouched: false,
    steps: [],
    currentStepId: null,
    pending: 0,
    submitting: false,
    refusals: [],
    error: null,
    drag: null,
    cropKey: null,
    cropDraft: null,
    stageOperation: 'inpaint',
  };
}
