// Lets TypeScript (and MDX with type checking) accept <mxplain-record>.
// Attributes as in mxplain's README, "Embedding".
import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type MxplainRecordAttributes = DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement> & {
  record?: string;
  type?: 'mx' | 'spf' | 'dkim' | 'dmarc';
  domain?: string;
  show?: 'mx' | 'spf' | 'dkim' | 'dmarc';
  resolver?: string;
  selector?: string;
  compact?: '' | 'true' | 'false';
  theme?: 'light' | 'dark' | 'auto';
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'mxplain-record': MxplainRecordAttributes;
    }
  }
}
