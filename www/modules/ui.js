// The page's elements, found once by id (index.html holds them all).

const $ = (/** @type {string} */ id) => /** @type {any} */ (document.getElementById(id));

export const root = document.documentElement;

/** @param {string} id */
export const byId = (id) => document.getElementById(id);

export const ui = {
  status: $('load-status'), version: $('version'), profile: $('profile'), input: $('input'),
  note: $('input-note'), verdict: $('verdict'), findings: $('findings'), findingsCard: $('findings-card'),
  conversation: $('conversation'), conversationCard: $('conversation-card'), messages: $('messages'),
  messagesCard: $('messages-card'), raw: $('raw'), showWs: $('show-ws'), hlStatus: $('highlight-status'),
  openFile: $('open-file'), fileInput: $('file-input'), share: $('share'), redact: $('redact'),
  shareOut: $('share-out'), shareUrl: $('share-url'), copyShare: $('copy-share'), shareStatus: $('share-status'),
  copyFindings: $('copy-findings'), copyStatus: $('copy-status'),
  downloadJson: $('download-json'), downloadMarkdown: $('download-markdown'),
  ruleGroups: $('rule-groups'), filterForm: $('findings-filter'), filterRule: $('filter-rule'),
  filterMessage: $('filter-message'), filterText: $('filter-text'), filterStatus: $('filter-status'),
  headerHits: $('header-hits'), lookup: $('lookup'), lookupInput: $('lookup-input'),
  lookupList: $('lookup-list'), lookupResult: $('lookup-result'), theme: $('theme-toggle'), drop: $('drop-overlay'),
  examples: $('example-buttons'), capture: $('capture'), progress: $('progress'), progressBar: $('progress-bar'),
  progressWords: $('progress-words'), cancel: $('cancel'), rawCaption: $('raw-caption'),
  resultsLink: $('results-link'), verdictCard: $('verdict-card'),
};
