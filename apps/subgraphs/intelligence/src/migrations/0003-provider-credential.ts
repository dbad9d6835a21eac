import { PortableMigration } from '@omnitron/server-kit';

/** A provider may take its key from a workspace credential (type AI_PROVIDER_KEY) named here instead of a stored key. */
export class Migration0003ProviderCredential extends PortableMigration {
  override up(): void {
    this.statements(() => `alter table "ai_providers" add column "api_key_credential" varchar(100) null;`);
  }
}
